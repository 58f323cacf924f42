# Faint specks in the context, to leave: a trained event refiner (RUN) fine-tuned on run 61's clips (`fade` 0.7 and the rest)
# where a share of the clips has a faint red dot (1x2 px, redness 0.1-0.45) moving through every context frame in a straight
# line, absent from the guess (the base model drops such a dot) and the target. Run 70: such leftovers are what the refiner
# grows into extra balls, `fade` having taught it to restore a ball dim in the *last* context frame only.
#   python docs/experiments/hold/faint.py RUN --base LAM A2L --data D --out OUT [--share 0.25] [--steps 1500] [--lr 5e-4]
import argparse, json, time, torch, numpy as np
from functools import partial
from pathlib import Path
from gamemodels.world import *
from gamemodels.a2l import LatentWorldModel, BUDGET_SIZES, RECIPE
from gamemodels.data import training_data, record_starts, FrameStore, ClipDataset
from gamemodels.train import fit_within

class FaintClips(RefinerClips):
    share = 0.25
    def __getitems__(self, ids):
        out = super().__getitems__(ids)
        guess, ctx, target = out[:3]; ctx = ctx.clone()
        B, C, _, c, _ = ctx.shape
        g = torch.Generator().manual_seed(int(np.sum(ids)) % 1_000_003 + 7)
        red = torch.tensor([200., 72., 72.])[:, None]
        for b in torch.nonzero(torch.rand(B, generator=g) < self.share)[:, 0].tolist():
            y0, x0 = torch.randint(4, c - 4, (2,), generator=g).tolist(); vy, vx = torch.randint(-2, 3, (2,), generator=g).tolist()
            al = 0.1 + 0.35 * torch.rand(1, generator=g).item()
            for j in range(C):
                y, x = y0 + vy * (j - C + 1), x0 + vx * (j - C + 1)
                if 0 <= y < c - 1 and 0 <= x < c:
                    px = ctx[b, j, :, y:y + 2, x].float()
                    ctx[b, j, :, y:y + 2, x] = ((1 - al) * px + al * red).round().to(torch.uint8)
        return (guess, ctx, target) + tuple(out[3:])

if __name__ == '__main__':
    p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--base', nargs=2, required=True)
    p.add_argument('--data', required=True); p.add_argument('--out', required=True); p.add_argument('--share', type=float, default=0.25)
    p.add_argument('--steps', type=int, default=1500); p.add_argument('--lr', type=float, default=5e-4); p.add_argument('--seed', type=int, default=2)
    p.add_argument('--clips', type=int, default=16000)
    a = p.parse_args(); torch.set_num_threads(2); torch.manual_seed(a.seed); t0 = time.perf_counter(); out = Path(a.out)
    wm = LatentWorldModel.from_pretrained(*(Path(b) / 'model' for b in a.base))
    ref = DetailRefiner.from_pretrained(Path(a.run) / 'model')
    sizes = BUDGET_SIZES['cpu']
    ds = training_data(a.data, RECIPE, sizes['episodes'], sizes['max_steps'], 0)
    store = FrameStore(list(ds) + list(record_starts(f'{a.data}-starts', 400)))
    FaintClips.share = a.share
    data = FaintClips(wm, ClipDataset(store, context=wm.context, horizon=2), crop=32, n=a.clips, seed=a.seed, progress=False, actions=True,
                      position=True, fade=0.7, appear=0.25, clock=2, event=True, elsewhere=0.0, specks=0.25, palette=ref.palette, ghosts=0.25)
    print(f'clips: {time.perf_counter() - t0:.0f} s', flush=True)
    ref.train(); ref.odds.requires_grad_(False)
    fit_within(None, ref, partial(refiner_loss, w=40.0, weights='context'), data, steps=a.steps, batch_size=32, lr=a.lr,
               lr_schedule='cosine', warmup=min(75, a.steps // 10), run_dir=out / 'run', ckpt_every=250, seed=a.seed, progress=False, log_every=50)
    ref.save_pretrained(out / 'model')
    (out / 'train.json').write_text(json.dumps(dict(vars(a), minutes=round((time.perf_counter() - t0) / 60, 2)), indent=1))
    print(f'done: {(time.perf_counter() - t0) / 60:.1f} min', flush=True)
