# Experiment: the shipped regression refiner, its output snapped to the nearest colour of the data's palette.
import sys, time, json, argparse, torch
from pathlib import Path
from gamemodels.core import world_model
from gamemodels.data import training_data, HELDOUT_SEED, FrameStore
from gamemodels.world import *
sys.path.insert(0, str(Path(__file__).parent))
from palmod import hold_data

p = argparse.ArgumentParser(); p.add_argument('--model', default='diffusion'); p.add_argument('--k', type=int, default=128); p.add_argument('--moving', type=int, default=0); p.add_argument('--radius', type=float, default=0)
p.add_argument('--eval-steps', type=int, default=600); p.add_argument('--out', default='runs/hold/snap')
args = p.parse_args(); torch.set_num_threads(2); out = Path(args.out); out.mkdir(parents=True, exist_ok=True)
store = hold_data()
px = store.frames[::7].permute(0, 2, 3, 1).reshape(-1, 3)
cols, counts = torch.unique(px, dim=0, return_counts=True)
pal = cols[counts.argsort(descending=True)[:args.k]]
if args.moving:   # add the commonest colours of the pixels that change between frames: the ball's, the paddle's edges
    f = store.frames[::3]; ch = (f[1:] != f[:-1]).any(1)                     # N-1 H W
    mv = f[1:].permute(0, 2, 3, 1)[ch]
    c2, n2 = torch.unique(mv, dim=0, return_counts=True)
    pal = torch.unique(torch.cat([pal, c2[n2.argsort(descending=True)[:args.moving]]]), dim=0)
print('palette', len(pal), flush=True)
pal = pal.float()
class Snap:
    def __init__(self, ref, pal): self.ref, self.pal = ref, pal
    def refine(self, guess, ctx):
        r = self.ref.refine(guess, ctx).float().permute(0, 2, 3, 1)
        d, i = ((r[..., None, :] - self.pal) ** 2).sum(-1).min(-1)
        q = self.pal[i]
        if args.radius: q = torch.where((d <= args.radius ** 2)[..., None], q, r)   # snap only what is near a palette colour
        return q.round().to(torch.uint8).permute(0, 3, 1, 2).contiguous()
wm = world_model(args.model)
if args.k: wm.refiner = Snap(wm.refiner, pal)
T = args.eval_steps; t0 = time.perf_counter()
real = closed_loop(RealGame(HELDOUT_SEED + 2000, wm.context), T, 4)
pf = play_figures(wm, T, 4, real=real, keep=tuple(t for t in (10, 100, 300, 600, 1000, 3000) if t <= T))
from PIL import Image
Image.fromarray(strip_image(pf['strip'])).save(out / 'strip.png')
res = {k: v for k, v in pf.items() if k not in ('curves', 'strip')}; res.update(args=vars(args), seconds=round(time.perf_counter() - t0))
(out / 'result.json').write_text(json.dumps(res, indent=1)); print(json.dumps(res), flush=True)
