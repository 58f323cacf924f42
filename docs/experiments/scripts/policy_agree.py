# Agreement of the policy (argmax) with the oracle (deadband 8) per 250 steps, in the states that DRIVER (oracle|fresh|cached) reaches.
# usage: policy_agree.py MODEL STEPS DRIVER
import sys, numpy as np, torch
sys.path.insert(0, str(__import__('pathlib').Path(__file__).parent))
from gamemodels.policy import *
from gamemodels.envs import make_env, BreakoutOracle, breakout_state, ORACLE_SETTINGS
torch.set_num_threads(2)
from policy_fresh_window import Fresh
model = Policy.from_pretrained(sys.argv[1]); steps = int(sys.argv[2]); driver = sys.argv[3]
env = make_env(**ORACLE_SETTINGS); oracle = BreakoutOracle(deadband=8, max_wait=0)
agents = dict(fresh=Fresh(model, 'play', sample=False), cached=PolicyAgent(model, 'play', sample=False))
obs, _ = env.reset(seed=900_001); oracle.reset(env, seed=0); [a.reset(env, seed=0) for a in agents.values()]
rec = []
for t in range(steps):
    s = breakout_state(env.unwrapped.ale.getRAM()); o = oracle.act(obs, env)
    acts = {k: a.act(obs, env) for k, a in agents.items()}
    rec.append((t, s['ball_y'] is not None, o, acts['fresh'], acts['cached']))
    obs, r, term, trunc, _ = env.step(o if driver == 'oracle' else acts[driver])
    if term or trunc: break
R = np.array(rec)
for lo in range(0, len(R), 250):
    b = R[lo:lo + 250]; m = b[:, 1] == 1
    print(lo, 'in play', m.sum(), 'fresh agree', round((b[m, 3] == b[m, 2]).mean(), 2), 'cached agree', round((b[m, 4] == b[m, 2]).mean(), 2))
