# Does a palette refiner carry a ball that the real context has? ball_tracking on held-out clips.
import sys, torch
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from palmod import PaletteRefiner
from gamemodels.core import world_model
from gamemodels.world import *
torch.set_num_threads(2)
ho = record_heldout(2, 800)
for name, run in [('diffusion', 'runs/hold/palref64'), ('lam', 'runs/hold/palref_lam')]:
    sd = torch.load(Path(run) / 'ref.pt', weights_only=True)
    ref = PaletteRefiner(sd['palette'], width=32); ref.load_state_dict(sd); ref.eval()
    for label, wm in [('shipped', world_model(name)), ('alone', world_model(name, refine=False))]:
        print(name, label, ball_tracking(wm, ho, n=128), flush=True)
    wm = world_model(name, refine=False); wm.refiner = ref
    print(name, 'palette', ball_tracking(wm, ho, n=128), flush=True)
