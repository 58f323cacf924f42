# DAgger on the shipped policy's "play": rounds of its own games labelled by the oracle, fine-tuned as `train policy --dagger` does.
# usage: policy_dagger.py ROUNDS GAMES STEPS DATA OUT [SHARE [FROM FIRST]]
# SHARE: the asked games' fixed share of Breakout's windows (default: by their number of windows)
# FROM, FIRST: go on from the model in FROM, numbering rounds from FIRST (the asked games already in OUT/dagger are kept)
import sys, itertools, torch
from pathlib import Path
from gamemodels.policy import *
from gamemodels.policy import instruction_data, phrasing, policy_loss, dagger_games, DAGGER_SEED
from gamemodels.data import EpisodeDataset
from gamemodels.train import fit
torch.set_num_threads(2)
rounds, games, steps, data_dir, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], Path(sys.argv[5])
share = float(sys.argv[6]) if len(sys.argv) > 6 and sys.argv[6] != 'auto' else None
start, first = (sys.argv[7], int(sys.argv[8])) if len(sys.argv) > 8 else ('data/policy-tiny', 0)
model = Policy.from_pretrained(start)
data = instruction_data(data_dir, 8, 2500, 12000)
splits = {k: ds.split(0.1, seed=0) for k, ds in data.items()}
windows = lambda keep: PolicyDataset(itertools.chain.from_iterable((data[k][i] for i in s[0]) for k, s in splits.items() if keep(k)), 64, 16, stride=4, wording=phrasing)
parts = dict(breakout=windows(lambda k: k != 'aim'), aim=windows(lambda k: k == 'aim'))
for k in range(first, first + rounds):
    new = dagger_games(model, out / 'dagger', games, DAGGER_SEED + k * games, max_steps=2500)
    print(f'round {k + 1}: {sum(len(e) for e in new)} steps of its own play labelled; its scores', [float(e.rewards.sum()) for e in new], flush=True)
    parts['asked'] = PolicyDataset(EpisodeDataset(out / 'dagger'), 64, 16, stride=4, wording=phrasing)
    b, a = len(parts['breakout']), len(parts['asked'])
    s = a / (a + b) if share is None else share
    train = MixedWindows(parts, dict(breakout=0.75 * (1 - s), asked=0.75 * s, aim=0.25), seed=k + 1)
    fit(model.train(), policy_loss, train, steps=steps, batch_size=16, lr=2.5e-4, weight_decay=1e-4, clip_grad=1.0, progress=False, log_every=steps, seed=k + 1)
model.eval().save_pretrained(out / 'model')
print('play', play_scores(model, games=10), flush=True)
print('aim', aim_rates(model, episodes=20), flush=True)
