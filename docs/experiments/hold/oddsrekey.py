# Run 91: odds that must look at the frames. Nothing can appear where the focus is already in sight (`AppearClips`' truth is
# 0 there by its definition, whatever was pressed), but the recordings' agents seldom press FIRE with a ball in play, so odds
# fitted on them learn "FIRE: serve" and never look for the ball (`oddsball.py`). Here a share `--rekey` of the clips with the
# ball seen in either of the last two frames get random keys (half of them one key held), then the odds (held, as RUN's)
# are fitted as `oddsheld.py` does and put into a copy of RUN's refiner:
#   python docs/experiments/hold/oddsrekey.py RUN NEW [--rekey 0.5] [--steps 3000] [--seed 0]
import sys, time, argparse, shutil, torch
from pathlib import Path
from gamemodels.data import training_data, FrameStore, record_starts
from gamemodels.world import AppearClips, AppearOdds, DetailRefiner, appear_loss, detect_ball
p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('new'); p.add_argument('--steps', type=int, default=3000)
p.add_argument('--seed', type=int, default=0); p.add_argument('--rekey', type=float, default=0.5); p.add_argument('--threads', type=int, default=2)
a = p.parse_args(); torch.set_num_threads(a.threads); torch.manual_seed(a.seed); t0 = time.time()
store = FrameStore(list(training_data('runs/hold/data-lam-cpu', 'lam', 48, 1000)) + list(record_starts('runs/hold/data-lam-cpu-starts', 400)))
ds = AppearClips(store, 4); ref = DetailRefiner.from_pretrained(f'{a.run}/model')
seen = torch.cat([~torch.isnan(detect_ball(store.frames[i:i + 4096])[0]) for i in range(0, len(store.frames), 4096)])
last = ds.clips.index + ds.clips.context - 1; insight = seen[last] | seen[last - 1]
odds = AppearOdds(ref.keys, ref.n_actions, ref.clock, held=ref.odds_held); opt = torch.optim.Adam(odds.parameters(), lr=2e-3)
g = torch.Generator().manual_seed(a.seed); N = len(ds.clips)
for step in range(1, a.steps + 1):
    ids = torch.randint(0, len(ds), (128,), generator=g)
    ctx, acts, t, y = ds.__getitems__(ids)
    rows = torch.where(ids < N, ids, ds.cand[(ids - N) % len(ds.cand)])
    pick = insight[rows] & (torch.rand(len(ids), generator=g) < a.rekey)
    new = torch.randint(0, ref.n_actions, acts.shape, generator=g)
    held = torch.rand(len(ids), generator=g) < 0.5; new[held] = new[held, -1:].expand(-1, acts.shape[1])
    acts = torch.where(pick[:, None], new, acts)
    assert (y[pick] == 0).all()
    loss, m = appear_loss(odds, (ctx, acts, t, y))
    opt.zero_grad(); loss.backward(); opt.step()
    if step % 500 == 0: print(f'step {step}: bce {loss.item():.4f}, odds {m["odds"]:.3f}, {time.time() - t0:.0f} s', flush=True)
ref.odds = odds.eval(); ref.save_pretrained(Path(a.new) / 'model')
if (Path(a.run) / 'train.json').exists(): shutil.copy(Path(a.run) / 'train.json', Path(a.new) / 'train.json')
print('saved', Path(a.new) / 'model')
