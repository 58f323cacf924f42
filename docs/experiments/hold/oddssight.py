# Run 91: odds that learn to see the ball (`AppearOdds(sight=True)`, in the library): fitted as the library fits them
# (`appear_loss` on `AppearClips(sight=True)`, 3,000 batches of 128, lr 2e-3) on the refiner's own store, then put into a
# copy of RUN's refiner (its `held` kept); play it with `balls.py NEW`, look at it with `oddsball.py` / `oddsimag.py`:
#   python docs/experiments/hold/oddssight.py RUN NEW [--steps 3000] [--seed 0] [--threads 2]
import time, argparse, shutil, torch
from pathlib import Path
from gamemodels.data import training_data, FrameStore, record_starts
from gamemodels.world import AppearClips, AppearOdds, DetailRefiner, appear_loss
p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('new'); p.add_argument('--steps', type=int, default=3000)
p.add_argument('--seed', type=int, default=0); p.add_argument('--threads', type=int, default=2)
a = p.parse_args(); torch.set_num_threads(a.threads); torch.manual_seed(a.seed); t0 = time.time()
store = FrameStore(list(training_data('runs/hold/data-lam-cpu', 'lam', 48, 1000)) + list(record_starts('runs/hold/data-lam-cpu-starts', 400)))
import json
ds = AppearClips(store, 4, sight=True); cfg = json.loads((Path(a.run) / 'model/config.json').read_text())
ref = DetailRefiner(**{**cfg, 'odds_sight': True}); old = DetailRefiner.from_pretrained(f'{a.run}/model')
ref.load_state_dict({k: v for k, v in old.state_dict().items() if not k.startswith('odds.')}, strict=False)   # the refiner's weights; fresh odds
odds = ref.odds; opt = torch.optim.Adam(odds.parameters(), lr=2e-3); g = torch.Generator().manual_seed(a.seed)
for step in range(1, a.steps + 1):
    loss, m = appear_loss(odds, ds.__getitems__(torch.randint(0, len(ds), (128,), generator=g)))
    opt.zero_grad(); loss.backward(); opt.step()
    if step % 500 == 0: print(f'step {step}: loss {loss.item():.4f}, odds {m["odds"]:.3f}, sight bce {m["sight"]:.4f}, {time.time() - t0:.0f} s', flush=True)
odds.eval(); ref.save_pretrained(Path(a.new) / 'model')
if (Path(a.run) / 'train.json').exists(): shutil.copy(Path(a.run) / 'train.json', Path(a.new) / 'train.json')
print('saved', Path(a.new) / 'model')
