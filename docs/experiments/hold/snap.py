# Experiment: the shipped regression refiner, its output snapped to the nearest colour of the data's palette.
import sys, time, json, argparse, torch
from pathlib import Path
from gamemodels.core import world_model
from gamemodels.data import HELDOUT_SEED
from gamemodels.world import *
sys.path.insert(0, str(Path(__file__).parent))
from palmod import hold_data
import snapdec

p = argparse.ArgumentParser(); p.add_argument('--model', default='diffusion'); p.add_argument('--k', type=int, default=128); p.add_argument('--moving', type=int, default=0)
p.add_argument('--radius', type=float, default=0, help='snap only pixels within this distance of a palette colour (0: all)')
p.add_argument('--concentrate', type=float, default=0, help='put blobs of at least this many levels back on their peak (snapdec.concentrate)')
p.add_argument('--eval-steps', type=int, default=600); p.add_argument('--out', default='runs/hold/snap')
args = p.parse_args(); torch.set_num_threads(2); out = Path(args.out); out.mkdir(parents=True, exist_ok=True)
pal = snapdec.palette(hold_data(), args.k, args.moving)
print('palette', len(pal), flush=True)
class Snap(snapdec.Snap):
    def refine(self, guess, ctx):
        if not args.radius: return super().refine(guess, ctx)
        r = self.ref.refine(guess, ctx).float().permute(0, 2, 3, 1)
        d, i = snapdec.nearest(r, self.pal)
        q = torch.where((d <= args.radius ** 2)[..., None], self.pal[i], r)   # snap only what is near a palette colour
        return q.round().to(torch.uint8).permute(0, 3, 1, 2).contiguous()
wm = world_model(args.model)
if args.k: wm.refiner = Snap(wm.refiner, pal, args.concentrate)
T = args.eval_steps; t0 = time.perf_counter()
real = closed_loop(RealGame(HELDOUT_SEED + 2000, wm.context), T, 4)
pf = play_figures(wm, T, 4, real=real, keep=tuple(t for t in (10, 100, 300, 600, 1000, 3000) if t <= T))
from PIL import Image
Image.fromarray(strip_image(pf['strip'])).save(out / 'strip.png')
res = {k: v for k, v in pf.items() if k not in ('curves', 'strip')}; res.update(args=vars(args), seconds=round(time.perf_counter() - t0))
(out / 'result.json').write_text(json.dumps(res, indent=1)); print(json.dumps(res), flush=True)
