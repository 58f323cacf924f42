# A refiner trained on the contexts it makes: a trained event refiner (RUN) fine-tuned on clips whose context was first rolled
# 0..LOOP steps (real actions) by the pair it refines, the LAM + a2l *with this refiner* (its odds drawing the event bit), the
# guess the base model's from that context, the target the real frame. Run 68's moved paddle is lost by a creep that only the
# loop makes; every refiner so far learnt from real (or faded) contexts only. Run 61's options otherwise (crops, serves, specks,
# ghosts, clock, event); the odds kept as they are.
#   python docs/experiments/hold/selfref.py RUN --base LAM A2L --data D [--held N] --out OUT [--loop 2] [--steps 1500] [--lr 5e-4] [--clips 16000] [--ball-real R] [--fade F --share S] [--faint F]
#   (--fade: run 61's faded contexts, one step on, the share S of them rolled one step by the pair instead; --loop unused)
import argparse, json, time, torch
from functools import partial
from pathlib import Path
from gamemodels.world import *
from gamemodels.a2l import LatentWorldModel, BUDGET_SIZES, RECIPE
from gamemodels.data import training_data, record_starts, FrameStore, ClipDataset
from gamemodels.train import fit_within

@torch.no_grad()
def near_ball(frames, r: int):
    "Pixels within `r` px of the ball seen in any of `frames` [B, C, 3, H, W]: [B, H, W] bool."
    B, C, _, H, W = frames.shape
    x, y = detect_ball(frames.flatten(0, 1)); x, y = x.reshape(B, C), y.reshape(B, C)
    ys, xs = torch.arange(H)[None, None, :, None] + 0.5, torch.arange(W)[None, None, None, :] + 0.5
    return (((ys - y.nan_to_num(-99)[..., None, None]).abs() <= r) & ((xs - x.nan_to_num(-99)[..., None, None]).abs() <= r)).any(1)

def roll_contexts(wm, ref, clips, ids, k, batch: int = 64, generator=None, ball_real: int = 0):
    """Each clip's context rolled `k[i]` steps by `wm` refined by `ref` (real actions), and the base model's guess from there.
    `ball_real`: within this many px of the ball (seen in the rolled or the real context), the real context's pixels instead:
    where the loop drew the ball elsewhere than the game did, the target cannot be learnt from the context."""
    C, guesses, ctxs = wm.context, [], []
    wm.refiner, wm.generator = ref.eval(), generator
    for i in range(0, len(ids), batch):
        f, a = clips.__getitems__(ids[i:i + batch].tolist()); kk = k[i:i + batch]
        wm.reset(f[:, :C], a[:, :C - 1], t=step_in_game(clips.store, clips.index[ids[i:i + batch]] + C - 1))
        guess, ctx = torch.empty_like(f[:, 0]), f[:, :C].clone()
        for s in range(int(kk.max()) + 1):
            cur = wm.frames
            if ball_real and s:
                real = f[:, s:s + C]
                m = (near_ball(cur, ball_real) | near_ball(real, ball_real))[:, None, None]
                cur = torch.where(m, real, cur)
            g = wm._next(cur, torch.cat([wm.actions, a[:, C - 1 + s:C + s]], 1))
            guess[kk == s], ctx[kk == s] = g[kk == s], cur[kk == s]
            if s < kk.max(): wm.step(a[:, C - 1 + s])
        guesses.append(guess); ctxs.append(ctx)
    wm.refiner = None
    return torch.cat(guesses), torch.cat(ctxs)

if __name__ == '__main__':
    p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--base', nargs=2, required=True)
    p.add_argument('--data', required=True); p.add_argument('--held', type=int, default=0); p.add_argument('--out', required=True)
    p.add_argument('--loop', type=int, default=2); p.add_argument('--steps', type=int, default=1500); p.add_argument('--lr', type=float, default=5e-4)
    p.add_argument('--seed', type=int, default=2); p.add_argument('--minutes', type=float); p.add_argument('--clips', type=int, default=16000); p.add_argument('--ball-real', type=int, default=0)
    p.add_argument('--fade', type=float, default=0.0); p.add_argument('--share', type=float, default=0.5)
    p.add_argument('--faint', type=float, default=0.0)
    a = p.parse_args(); torch.set_num_threads(2); torch.manual_seed(a.seed); t0 = time.perf_counter(); out = Path(a.out)
    wm = LatentWorldModel.from_pretrained(*(Path(b) / 'model' for b in a.base))
    ref = DetailRefiner.from_pretrained(Path(a.run) / 'model')
    sizes = BUDGET_SIZES['cpu']
    ds = training_data(a.data, RECIPE, sizes['episodes'], sizes['max_steps'], a.held)
    store = FrameStore(list(ds) + list(record_starts(f'{a.data}-starts', 400)))
    cl = ClipDataset(store, context=wm.context, horizon=2 if a.fade else a.loop + 1)
    data = RefinerClips(wm, cl, crop=32, n=a.clips, seed=a.seed, progress=True, actions=True, position=True, fade=a.fade,
                        appear=0.25, clock=2, event=True, elsewhere=0.0, specks=0.25, palette=ref.palette, ghosts=0.25, faint=a.faint)
    gen = torch.Generator().manual_seed(a.seed)
    if a.fade:   # run 61's faded contexts (every clip one step on), a share of them replaced by the pair's own step instead
        sel = torch.nonzero(torch.rand(len(data.ids), generator=gen) < a.share)[:, 0]
        g, c = roll_contexts(wm, ref, cl, data.ids[sel], torch.ones(len(sel), dtype=torch.long), generator=gen, ball_real=a.ball_real)
        data.guesses[sel], data.ctx[sel] = g, c
    else: data.guesses, data.ctx = roll_contexts(wm, ref, cl, data.ids, data.k, generator=gen, ball_real=a.ball_real)
    real = torch.stack([cl.__getitems__(data.ids[i:i + 1].tolist())[0][0, k:k + wm.context] for i, k in enumerate(data.k[:256].tolist())])
    for k in range(a.loop + 1):   # how far the rolled contexts are from the real ones (0 at k = 0)
        m = data.k[:256] == k
        print(f'k={k}: {int(m.sum())} clips, mean |rolled - real| {(data.ctx[:256][m].float() - real[m].float()).abs().mean():.3f}', flush=True)
    print(f'contexts rolled: {time.perf_counter() - t0:.0f} s', flush=True)
    ref.train(); ref.odds.requires_grad_(False)
    fit_within(a.minutes, ref, partial(refiner_loss, w=40.0, weights='context'), data, steps=a.steps, batch_size=32, lr=a.lr,
               lr_schedule='cosine', warmup=min(75, a.steps // 10), run_dir=out / 'run', ckpt_every=250, seed=a.seed, progress=False, log_every=50)
    ref.save_pretrained(out / 'model')
    (out / 'train.json').write_text(json.dumps(dict(vars(a), minutes=round((time.perf_counter() - t0) / 60, 2)), indent=1))
    print(f'done: {(time.perf_counter() - t0) / 60:.1f} min', flush=True)
