# Where does the policy lose its balls? Play told "play", shadow oracle, dump the steps before each lost life.
# usage: policy_lost_balls.py MODEL GAMES
import sys, numpy as np, torch
from gamemodels.policy import Policy, PolicyAgent, HELDOUT_SEED, DEMO_DEADBAND
from gamemodels.envs import make_env, play, BreakoutOracle, breakout_state, ORACLE_SETTINGS
torch.set_num_threads(1)
p = Policy.from_pretrained(sys.argv[1]).eval(); games = int(sys.argv[2])
env = make_env(**ORACLE_SETTINGS)
for g in range(games):
    agent = PolicyAgent(p, 'play', seed=g); oracle = BreakoutOracle(deadband=DEMO_DEADBAND, max_wait=0)
    rows, score, lives = [], 0, None
    gen = play(agent, env, seed=HELDOUT_SEED + g, max_steps=4000)
    obs, *_ = next(gen); oracle.reset(env)
    for t, (obs, a, r, term, trunc, info) in enumerate(gen):
        s = breakout_state(env.unwrapped.ale.getRAM()); score += r
        tx = oracle.target_x(s) if s['ball_y'] is not None and oracle.prev else None
        o = oracle.act(obs, env)
        rows.append((t, a, o, s['paddle_x'], s['ball_x'], s['ball_y'], None if tx is None else round(tx)))
        if lives is not None and s['lives'] < lives:
            print(f'game {g} lost a life at step {t}, score {score}')
            for row in rows[-14:]: print('   t %d pol %s ora %s paddle %s ball %s,%s target %s' % row)
        lives = s['lives']
    print(f'game {g}: score {score}, steps {t}')
