# Play a trained keyed refiner (actref.py) again with another decoding: `--conc` (snapdec.concentrate), tracking too.
import sys, json, time, torch, argparse
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from palmod import hold_data
import snapdec, actref
from gamemodels.core import world_model
from gamemodels.data import HELDOUT_SEED
from gamemodels.world import *
p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--model', default='diffusion'); p.add_argument('--hyp', type=int, default=1)
p.add_argument('--width', type=int, default=48); p.add_argument('--dil', default='1,2,4,2,1'); p.add_argument('--conc', type=float, default=0)
p.add_argument('--eval-steps', type=int, default=600); p.add_argument('--out', required=True); args = p.parse_args(); torch.set_num_threads(2)
out = Path(args.out); out.mkdir(parents=True, exist_ok=True); t0 = time.perf_counter()
pal = snapdec.palette(hold_data(), 128, 64)
C = world_model(args.model, refine=False).context
ref = actref.ActRefiner(C - 1, args.width, 2, dil=tuple(map(int, args.dil.split(','))), hyp=args.hyp)
ref.load_state_dict(torch.load(Path(args.run) / 'ref.pt', weights_only=True)); ref.eval()
make = lambda: actref.bind(world_model(args.model, refine=False), actref.Stage(ref, pal, args.conc))
tr = ball_tracking(make(), record_heldout(2, 800), n=128); print('tracking', tr, flush=True)
T = args.eval_steps
pf = play_figures(make(), T, 4, real=closed_loop(RealGame(HELDOUT_SEED + 2000, C), T, 4), keep=tuple(t for t in (10, 100, 300, 600, 1000, 3000) if t <= T))
from PIL import Image
Image.fromarray(strip_image(pf['strip'])).save(out / 'strip.png')
res = {k: v for k, v in pf.items() if k not in ('curves', 'strip')}; res.update(args=vars(args), tracking=tr, seconds=round(time.perf_counter() - t0))
(out / 'result.json').write_text(json.dumps(res, indent=1)); print(json.dumps(res), flush=True)
