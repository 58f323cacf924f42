# A loss that forgives the ball a pixel: where the ball will be after a turn depends on where it sat inside its pixel, so the
# squared error's optimum is a smear over the places it may go, dim enough to be lost (runs 77-78). Here what appears
# against the context's background (the per-pixel median of the context frames and the target: a moving ball is in at most
# one of them) is taken around its strongest pixel (a 9x9 window), and the loss on that window is the least over the
# target with that layer shifted by up to `--reach` px (each shifted px costing `--cost`): a sharp ball a pixel off costs
# less than a smear. A fine-tune of RUN on hold.py's clips (`--hold 0`).
#   python docs/experiments/hold/shiftloss.py RUN --base LAM A2L --data D --out OUT [--reach 1] [--cost 0.002] [--steps 1500]
import sys, argparse, json, time, torch, torch.nn.functional as F
from functools import partial
from pathlib import Path
from gamemodels.world import *
from gamemodels.a2l import LatentWorldModel, BUDGET_SIZES, RECIPE
from gamemodels.data import training_data, record_starts, FrameStore, ClipDataset
from gamemodels.train import fit_within

def shift_loss(model, batch, w=40.0, reach=1, cost=0.002, win=4):
    guess, ctx, target = batch[:3]
    out = model(guess, ctx, **batch[3]) if len(batch) == 4 else model(guess, ctx)
    T, c = target.float() / 255, ctx.float() / 255
    was = moving_mask(ctx[:, -2], ctx[:, -1], 4, above=32)
    wt = (1 + w * was.float())                                              # refiner_loss(weights='context')'s weights
    bg = torch.cat([c, T[:, None]], 1).median(1).values                     # the background: what stays in most frames
    D = T - bg; B, _, H, W = T.shape
    s = D.abs().amax(1); s[:, :, :H // 4] = 0; s[:, :, 3 * W // 4:] = 0; s[:, :H // 4] = 0; s[:, 3 * H // 4:] = 0
    idx = s.flatten(1).argmax(1); cy, cx = idx // W, idx % W
    has = s.flatten(1).amax(1) > 40 / 255
    yy, xx = torch.arange(H)[None, :, None], torch.arange(W)[None, None, :]
    box = ((yy - cy[:, None, None]).abs() <= win) & ((xx - cx[:, None, None]).abs() <= win) & has[:, None, None]
    layer = D * ((D.abs().amax(1, keepdim=True) > 24 / 255) & box[:, None])  # the ball's layer, in its window
    e_out = ((out - T) ** 2 * wt * ~box[:, None]).flatten(1).sum(1)         # outside the window: the plain loss
    best = None
    for dy in range(-reach, reach + 1):
        for dx in range(-reach, reach + 1):
            Ts = T - layer + torch.roll(layer, (dy, dx), (2, 3))
            e = ((out - Ts) ** 2 * wt * box[:, None]).flatten(1).sum(1) + cost * (abs(dy) + abs(dx)) * has
            best = e if best is None else torch.minimum(best, e)
    loss = (e_out + best).sum() / out.numel()
    return loss, dict(mse=((out - T) ** 2).mean().detach(), window=has.float().mean().detach())

if __name__ == '__main__':
    p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--base', nargs=2, required=True)
    p.add_argument('--data', required=True); p.add_argument('--out', required=True); p.add_argument('--reach', type=int, default=1)
    p.add_argument('--cost', type=float, default=0.002); p.add_argument('--turns', type=float, default=0.0)
    p.add_argument('--steps', type=int, default=1500); p.add_argument('--lr', type=float, default=5e-4); p.add_argument('--seed', type=int, default=2)
    p.add_argument('--clips', type=int, default=16000); p.add_argument('--faint', type=float, default=0.25)
    a = p.parse_args(); torch.set_num_threads(2); torch.manual_seed(a.seed); t0 = time.perf_counter(); out = Path(a.out)
    wm = LatentWorldModel.from_pretrained(*(Path(b) / 'model' for b in a.base))
    ref = DetailRefiner.from_pretrained(Path(a.run) / 'model')
    sizes = BUDGET_SIZES['cpu']
    ds = training_data(a.data, RECIPE, sizes['episodes'], sizes['max_steps'], 0)
    store = FrameStore(list(ds) + list(record_starts(f'{a.data}-starts', 400)))
    data = RefinerClips(wm, ClipDataset(store, context=wm.context, horizon=2), crop=32, n=a.clips, seed=a.seed, progress=False, actions=True,
                        position=True, fade=0.7, appear=0.25, clock=2, event=True, elsewhere=0.0, specks=0.25, palette=ref.palette, ghosts=0.25, faint=a.faint, turns=a.turns)
    ref.train(); ref.odds.requires_grad_(False)
    fit_within(None, ref, partial(shift_loss, reach=a.reach, cost=a.cost), data, steps=a.steps, batch_size=32, lr=a.lr, lr_schedule='cosine',
               warmup=min(75, a.steps // 10), run_dir=out / 'run', ckpt_every=250, seed=a.seed, progress=False, log_every=50)
    ref.save_pretrained(out / 'model')
    (out / 'train.json').write_text(json.dumps(dict(vars(a), minutes=round((time.perf_counter() - t0) / 60, 2)), indent=1))
    print(f'done: {(time.perf_counter() - t0) / 60:.1f} min', flush=True)
