# Evaluate a trained palette refiner (ref.pt) with logit adjustment tau (argmax of logits - tau * log prior).
import sys, json, time, argparse, torch
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from palmod import hold_data, PaletteRefiner, to_classes
from gamemodels.core import world_model
from gamemodels.data import training_data, HELDOUT_SEED, FrameStore
from gamemodels.world import *
p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--taus', default='0,0.5,1'); p.add_argument('--model', default='diffusion')
p.add_argument('--width', type=int, default=32); p.add_argument('--eval-steps', type=int, default=600)
args = p.parse_args(); torch.set_num_threads(2); run = Path(args.run)
sd = torch.load(run / 'ref.pt', weights_only=True)
ref = PaletteRefiner(sd['palette'], width=args.width); ref.load_state_dict(sd); ref.eval()
store = hold_data()
cls = torch.cat([to_classes(store.frames[i:i + 64], ref.palette) for i in range(0, len(store.frames), 640)])
prior = torch.bincount(cls.flatten(), minlength=len(ref.palette)).float() + 1; prior /= prior.sum()
wm = world_model(args.model, refine=False); wm.refiner = ref
T = args.eval_steps
real = closed_loop(RealGame(HELDOUT_SEED + 2000, wm.context), T, 4)
from PIL import Image
for tau in [float(t) for t in args.taus.split(',')]:
    ref.bias = -tau * prior.log(); t0 = time.perf_counter()
    pf = play_figures(wm, T, 4, real=real, keep=tuple(t for t in (10, 100, 300, 600, 1000, 3000) if t <= T))
    Image.fromarray(strip_image(pf['strip'])).save(run / f'strip_tau{tau}.png')
    res = {k: v for k, v in pf.items() if k not in ('curves', 'strip', 'real')}
    print(tau, json.dumps(res), round(time.perf_counter() - t0), flush=True)
