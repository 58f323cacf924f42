# Crops that follow the ball where it cannot be seen: `RefinerClips` centres a crop on the ball in the target (`detect_ball`),
# and a ball beside the paddle (in the paddle's rows, red on red) or in the bricks is not seen there, so the steps of a bounce
# get random crops only; in play the balls the refiner carries reach the paddle and are gone (runs 72-73: `balllife.py`, none
# comes back up). Here a target with no ball seen is cropped where the ball was last seen in the HOLD frames before it (same
# game). A fine-tune of RUN on run 61's clips with `--faint`, as run 71's, this crop rule only for the crops (serves and the
# event bit as before).
#   python docs/experiments/hold/hold.py RUN --base LAM A2L --data D --out OUT [--hold 6] [--steps 1500] [--lr 5e-4] [--faint 0.25] [--turns T] [--fade 0.7]
import argparse, json, time, torch
from functools import partial
from pathlib import Path
from gamemodels.world import *
from gamemodels.a2l import LatentWorldModel, BUDGET_SIZES, RECIPE
from gamemodels.data import training_data, record_starts, FrameStore, ClipDataset
from gamemodels.train import fit_within

class Tracked:
    "A focus over `store`'s frames: the ball where seen, else where it was last seen in the `hold` frames before (same game); frames found by content."
    def __init__(self, store, hold: int = 6):
        f = store.frames; N = len(f)
        x, y = (torch.cat(v) for v in zip(*[detect_ball(f[i:i + 4096]) for i in range(0, N, 4096)]))
        game = torch.as_tensor(step_in_game(store, torch.arange(N)))
        tx, ty = x.clone(), y.clone()
        for d in range(1, hold + 1):
            fill = torch.isnan(tx); fill[:d] = False; fill &= game >= d
            src = torch.nonzero(fill)[:, 0] - d
            ok = ~torch.isnan(x[src]); idx = torch.nonzero(fill)[:, 0][ok]
            tx[idx], ty[idx] = x[src[ok]], y[src[ok]]
        self.x, self.y, self.w = tx, ty, torch.randint(1, 1 << 20, (3 * f.shape[-1] * f.shape[-2],), generator=torch.Generator().manual_seed(0))
        keys = torch.cat([self.key(f[i:i + 4096]) for i in range(0, N, 4096)])
        self.at = {k: i for i, k in enumerate(keys.tolist())}
        print(f'focus seen in {(~torch.isnan(x)).float().mean():.3f} of the frames, held in {(~torch.isnan(tx)).float().mean():.3f}', flush=True)
    def key(self, frames): return (frames.flatten(1).long() * self.w).sum(1)
    def __call__(self, frames):
        i = torch.tensor([self.at.get(k, -1) for k in self.key(frames).tolist()])
        nan = torch.full((len(i),), float('nan'))
        return torch.where(i >= 0, self.x[i.clamp(min=0)], nan), torch.where(i >= 0, self.y[i.clamp(min=0)], nan)

def finetune_parser(turns=0.0, fade=0.7):
    "The options every fine-tune of a trained event refiner on run 61's clips takes (hold.py and the scripts built on it)."
    p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--base', nargs=2, required=True)
    p.add_argument('--data', required=True); p.add_argument('--out', required=True)
    p.add_argument('--steps', type=int, default=1500); p.add_argument('--lr', type=float, default=5e-4); p.add_argument('--seed', type=int, default=2)
    p.add_argument('--clips', type=int, default=16000); p.add_argument('--faint', type=float, default=0.25)
    p.add_argument('--turns', type=float, default=turns); p.add_argument('--fade', type=float, default=fade)
    return p

def finetune_setup(a):
    "The base world model, the refiner to fine-tune and the recording (with its game starts) for options `a`; seeds and threads set."
    torch.set_num_threads(2); torch.manual_seed(a.seed)
    wm = LatentWorldModel.from_pretrained(*(Path(b) / 'model' for b in a.base))
    ref = DetailRefiner.from_pretrained(Path(a.run) / 'model')
    sizes = BUDGET_SIZES['cpu']
    ds = training_data(a.data, RECIPE, sizes['episodes'], sizes['max_steps'], 0)
    return wm, ref, FrameStore(list(ds) + list(record_starts(f'{a.data}-starts', 400)))

def finetune_clips(Clips, wm, ref, store, a, **kw):
    "Run 61's clips (crops on the ball, serves a quarter, specks, ghosts, clock, event) with `a`'s fade, faint dots and turns."
    return Clips(wm, ClipDataset(store, context=wm.context, horizon=1 + bool(a.fade)), crop=32, n=a.clips, seed=a.seed, progress=False,
                 actions=True, position=True, fade=a.fade, appear=0.25, clock=2, event=True, elsewhere=0.0, specks=0.25,
                 palette=ref.palette, ghosts=0.25, faint=a.faint, turns=a.turns, **kw)

def finetune(ref, data, a, t0, loss=None, save=None):
    "Fit `ref` (event odds frozen) on `data` with `loss` (default run 61's), save it to `a.out` (`save(ref, out)` if given) with train.json."
    out = Path(a.out); ref.train(); ref.odds.requires_grad_(False)
    fit_within(None, ref, loss or partial(refiner_loss, w=40.0, weights='context'), data, steps=a.steps, batch_size=32, lr=a.lr,
               lr_schedule='cosine', warmup=min(75, a.steps // 10), run_dir=out / 'run', ckpt_every=250, seed=a.seed, progress=False, log_every=50)
    (save or (lambda r, o: r.save_pretrained(o / 'model')))(ref, out)
    (out / 'train.json').write_text(json.dumps(dict(vars(a), minutes=round((time.perf_counter() - t0) / 60, 2)), indent=1))
    print(f'done: {(time.perf_counter() - t0) / 60:.1f} min', flush=True)

if __name__ == '__main__':
    p = finetune_parser(); p.add_argument('--hold', type=int, default=6)
    a = p.parse_args(); t0 = time.perf_counter()
    wm, ref, store = finetune_setup(a)
    data = finetune_clips(RefinerClips, wm, ref, store, a)
    if a.hold: data.focus = Tracked(store, a.hold)   # after the serves were found: only the crops follow the held focus
    finetune(ref, data, a, t0)
