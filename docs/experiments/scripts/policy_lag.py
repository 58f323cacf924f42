# Is the policy late? Agreement of its argmax at step t with the oracle (deadband 8) at t+k, in the oracle's own game.
# usage: policy_lag.py MODEL STEPS
import sys, numpy as np, torch
from gamemodels.policy import Policy, PolicyAgent
from gamemodels.envs import make_env, BreakoutOracle, breakout_state, ORACLE_SETTINGS
torch.set_num_threads(1)
model = Policy.from_pretrained(sys.argv[1]); steps = int(sys.argv[2])
env = make_env(**ORACLE_SETTINGS); oracle = BreakoutOracle(deadband=8, max_wait=0)
pol = PolicyAgent(model, 'play', sample=False)
obs, _ = env.reset(seed=900_001); oracle.reset(env, seed=0); pol.reset(env, seed=0)
O, P, B = [], [], []
for t in range(steps):
    s = breakout_state(env.unwrapped.ale.getRAM()); o = oracle.act(obs, env); a = pol.act(obs, env)
    O.append(o); P.append(a); B.append(s['ball_y'] is not None)
    obs, r, term, trunc, _ = env.step(o)
    if term or trunc: break
O, P, B = map(np.array, (O, P, B)); n = len(O)
for k in range(-3, 4):   # policy at t against oracle at t+k
    idx = np.arange(max(0, -k), min(n, n - k)); idx = idx[B[idx]]
    print(f'policy(t) vs oracle(t{k:+d}): {np.mean(P[idx] == O[idx + k]):.3f}  ({len(idx)} steps)')
