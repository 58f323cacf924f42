# Experiment: a palette-class refiner (cross-entropy over the data's colours, argmax out) after the diffusion denoiser.
import sys, time, json, argparse, torch, torch.nn as nn, torch.nn.functional as F
from pathlib import Path
from functools import partial
from gamemodels.core import world_model, atomic_write
from gamemodels.data import training_data, HELDOUT_SEED
from gamemodels.data import FrameStore, ClipDataset
from gamemodels.world import *
p = argparse.ArgumentParser()
p.add_argument('--out', default='runs/hold/palref'); p.add_argument('--minutes', type=float, default=15)
p.add_argument('--steps', type=int, default=4000); p.add_argument('--clips', type=int, default=8000)
p.add_argument('--k', type=int, default=128); p.add_argument('--width', type=int, default=32); p.add_argument('--w', type=float, default=10.)
p.add_argument('--loop', type=int, default=0); p.add_argument('--eval-steps', type=int, default=600); p.add_argument('--threads', type=int, default=2)
p.add_argument('--crop', type=int, default=32); p.add_argument('--moving', type=int, default=0); p.add_argument('--model', default='diffusion')
args = p.parse_args(); torch.set_num_threads(args.threads); out = Path(args.out); out.mkdir(parents=True, exist_ok=True)

sys.path.insert(0, str(Path(__file__).parent))
from palmod import hold_data, palette_of, to_classes, PaletteRefiner

def pal_loss(model, batch, w=10.0):
    guess, ctx, target = batch
    wt = 1 + w * moving_mask(ctx[:, -1], target, 2).float()[:, 0] + w * moving_mask(ctx[:, -2], ctx[:, -1], 2).float()[:, 0]
    logits = model(guess, ctx)
    ce = F.cross_entropy(logits, to_classes(target, model.palette), reduction='none')
    return (ce * wt).mean(), dict(ce=ce.mean().detach())

t0 = time.perf_counter()
store = hold_data()
print('data', len(store.frames), round(time.perf_counter() - t0), flush=True)
pal = palette_of(store.frames[::7], args.k)
if args.moving:   # add the commonest colours of the pixels that change between frames: the ball's, the paddle's edges
    f = store.frames[::3]; ch = (f[1:] != f[:-1]).any(1)
    c2, n2 = torch.unique(f[1:].permute(0, 2, 3, 1)[ch], dim=0, return_counts=True)
    pal = torch.unique(torch.cat([pal, c2[n2.argsort(descending=True)[:args.moving]]]), dim=0)
print('palette', len(pal), flush=True)
wm = world_model(args.model, refine=False)
ref = PaletteRefiner(pal, width=args.width)
data = RefinerClips(wm, ClipDataset(store, context=wm.context, horizon=args.loop + 1), crop=args.crop, n=args.clips, seed=0)
print('guesses', round(time.perf_counter() - t0), flush=True)
from gamemodels.train import fit_within
r = fit_within(args.minutes, ref, partial(pal_loss, w=args.w), data, steps=args.steps, batch_size=32, lr=2e-3, lr_schedule='cosine',
               warmup=100, run_dir=out / 'run', ckpt_every=500, seed=0, progress=False, log_every=200)
print('trained', r, round(time.perf_counter() - t0), flush=True)
torch.save(ref.state_dict(), out / 'ref.pt')
wm.refiner = ref.eval().to(memory_format=torch.channels_last)
T = args.eval_steps
real = closed_loop(RealGame(HELDOUT_SEED + 2000, 4), T, 4)
keep = tuple(t for t in (10, 100, 300, 600, 1000, 3000) if t <= T)
pf = play_figures(wm, T, 4, real=real, keep=keep)
Image = __import__('PIL.Image').Image
Image.fromarray(strip_image(pf['strip'])).save(out / 'strip.png')
res = {k: v for k, v in pf.items() if k not in ('curves', 'strip')}
res.update(args=vars(args), train=r, seconds=round(time.perf_counter() - t0))
(out / 'result.json').write_text(json.dumps(res, indent=1)); print(json.dumps(res), flush=True)
