# DAgger on a Breakout clone: does labelling the clone's own states with the oracle lift its score?
# usage: bc_dagger.py CLONE DATA ROUNDS GAMES STEPS [control]   (control: the same fine-tuning on DATA alone)
import sys, copy, numpy as np, torch
from gamemodels.bc import BCPolicy, BCDataset, BCAgent, bc_loss, bc_score
from gamemodels.envs import BreakoutOracle, make_env, play, ORACLE_SETTINGS
from gamemodels.data import EpisodeDataset, Episode
from gamemodels.train import fit
torch.set_num_threads(2)
clone_dir, data_dir, rounds, games, steps = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
control = len(sys.argv) > 6
policy = BCPolicy.from_pretrained(clone_dir)
base = EpisodeDataset(data_dir); episodes = [base[i] for i in range(len(base))]
def score(p, tag):
    r = bc_score(p, games=5)
    print(tag, 'score', r['mean_score'], r['scores'], flush=True)
score(policy, 'round 0')
env = make_env(**ORACLE_SETTINGS)
for k in range(1, rounds + 1):
    if not control:
        agent = BCAgent(policy, sample=True, seed=k)
        agree = []
        for g in range(games):
            oracle = BreakoutOracle(max_wait=0); oracle.reset(env)
            frames, labels = [], []
            for obs, a, *_ in play(agent, env, seed=1000 * k + g, max_steps=5000):
                if a is not None: agree.append(a == labels[-1])
                frames.append(obs); labels.append(oracle.act(obs, env))   # what the oracle would do here
            episodes.append(Episode(np.stack(frames), np.asarray(labels[:-1], np.int16)))
        print(f'round {k}: {games} games of the clone, {sum(len(e) for e in episodes[-games:])} steps labelled; clone = oracle on {np.mean(agree):.2f}', flush=True)
    fit(policy.train(), bc_loss, BCDataset(episodes), steps=steps, batch_size=64, lr=2.5e-4, weight_decay=0.0, progress=False, log_every=steps, seed=k)
    score(policy.eval(), f'round {k}' + (' (control)' if control else ''))
