# Run 90: odds that cannot tell a held FIRE from a fresh one. `AppearOdds` (the library's, as the run's refiner has it) fitted
# on the refiner's own store (the latent-action recording and the 400 starts) with the key before the last replaced by the
# last (`held`: one key seen), then put into a copy of RUN's refiner; play it with `ONEKEY=1 oddsgate.py ...`:
#   python docs/experiments/hold/oddsheld.py RUN NEW [--steps 3000] [--seed 0]
import sys, time, argparse, shutil, torch
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from gamemodels.data import training_data, FrameStore, record_starts
from gamemodels.world import AppearClips, AppearOdds, DetailRefiner, appear_loss
p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('new'); p.add_argument('--steps', type=int, default=3000); p.add_argument('--seed', type=int, default=0)
a = p.parse_args(); torch.set_num_threads(2); torch.manual_seed(a.seed); t0 = time.time()
store = FrameStore(list(training_data('runs/hold/data-lam-cpu', 'lam', 48, 1000)) + list(record_starts('runs/hold/data-lam-cpu-starts', 400)))
ds = AppearClips(store, 4); ref = DetailRefiner.from_pretrained(f'{a.run}/model')
odds = AppearOdds(ref.keys, ref.n_actions, ref.clock); opt = torch.optim.Adam(odds.parameters(), lr=2e-3)
def one_key(batch):
    ctx, acts, t, y = batch; acts = acts.clone(); acts[:, -2] = acts[:, -1]; return ctx, acts, t, y
g = torch.Generator().manual_seed(a.seed)
for step in range(1, a.steps + 1):
    loss, m = appear_loss(odds, one_key(ds.__getitems__(torch.randint(0, len(ds), (128,), generator=g))))
    opt.zero_grad(); loss.backward(); opt.step()
    if step % 500 == 0: print(f'step {step}: bce {loss.item():.4f}, odds {m["odds"]:.3f}, {time.time() - t0:.0f} s', flush=True)
ref.odds = odds.eval(); ref.save_pretrained(Path(a.new) / 'model')
if (Path(a.run) / 'train.json').exists(): shutil.copy(Path(a.run) / 'train.json', Path(a.new) / 'train.json')
print('saved', Path(a.new) / 'model')
