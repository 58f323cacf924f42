"""What h264 costs the IDM, and how the filters do: walkthroughs of agents the IDM never saw, labelled and scored.

python docs/experiments/idm/mp4.py --idm runs/idm/w16/model --out runs/idm/walk [--crf 0 23] [--threads 1]
"""
import argparse, json, time
from pathlib import Path
import numpy as np, torch
from gamemodels.envs import BreakoutOracle, MixedAgent
from gamemodels.data import HELDOUT_SEED
from gamemodels.idm import InverseDynamicsModel, make_walkthrough, load_truth, label_video, label_steps, label_scores

p = argparse.ArgumentParser()
p.add_argument('--idm', required=True); p.add_argument('--out', required=True)
p.add_argument('--crf', type=int, nargs='+', default=[0, 23]); p.add_argument('--threads', type=int, default=1)
p.add_argument('--max-steps', type=int, default=3000); p.add_argument('--dqn', default='data/dqn-breakout')
a = p.parse_args()
torch.set_num_threads(a.threads)
idm = InverseDynamicsModel.from_pretrained(a.idm).eval()

def agents():
    yield 'oracle10', MixedAgent(BreakoutOracle(), 10, seed=5)
    yield 'oracle40held', MixedAgent(BreakoutOracle(), 40, seed=6, hold=(4, 32))
    yield 'oracle5', MixedAgent(BreakoutOracle(), 5, seed=7)
    from gamemodels.dqn import DQNAgent
    yield 'dqn', DQNAgent.from_pretrained(a.dqn, eps=0.05, seed=8)

res = {}
for crf in a.crf:
    steps, secs, n = [], 0.0, 0
    for i, (name, agent) in enumerate(agents()):
        path = Path(a.out) / f'crf{crf}' / f'{name}.mp4'
        if not path.exists(): make_walkthrough(agent, path, seed=HELDOUT_SEED + 200 + i, max_steps=a.max_steps, crf=crf)
        t = time.perf_counter(); ep = label_video(idm, path); secs += time.perf_counter() - t; n += len(ep)
        steps.append(label_steps(ep, load_truth(path)))
        print(crf, name, {k: round(v, 4) for k, v in label_scores(steps[-1]).items()}, flush=True)
    curve = {c: label_scores(steps, c) for c in (0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98)}
    res[crf] = dict(labels_per_s=round(n / secs, 1), threads=a.threads, curve=curve)
    print(crf, json.dumps(res[crf], indent=1), flush=True)
(Path(a.out) / f'mp4-{Path(a.idm).parent.name}-crf{"-".join(map(str, a.crf))}.json').write_text(json.dumps(res, indent=1))
