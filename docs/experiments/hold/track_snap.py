# Does the shipped regression refiner, snapped to the palette (optionally concentrating blobs), carry a ball the real context has?
import sys, torch, argparse
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from palmod import hold_data, palette_of
from gamemodels.core import world_model
from gamemodels.world import *
import snapdec
p = argparse.ArgumentParser(); p.add_argument('--model', default='diffusion'); p.add_argument('--conc', default='0,60,120,200'); args = p.parse_args()
torch.set_num_threads(2)
pal = snapdec.palette(hold_data(), 128, 64)
ho = record_heldout(2, 800)
for t in map(float, args.conc.split(',')):
    wm = world_model(args.model); wm.refiner = snapdec.Snap(wm.refiner, pal, concentrate=t)
    print(args.model, 'concentrate', t, ball_tracking(wm, ho, n=128), flush=True)
