# usage: policy_dart_data.py OUT AIM_FROM  (then: gamemodels train policy --budget cpu --data OUT --out runs/policy8 --threads 2)
# Policy data where the random pushes' steps carry the player's answer (DART): the same games as instruction_data, every step labelled.
import sys, os
from pathlib import Path
from gamemodels.policy import *
from gamemodels.policy import _record_until, DEMO_RANDOM, DEMO_HOLD, DEMO_DEADBAND
from gamemodels.envs import BreakoutOracle, MixedAgent, ORACLE_SETTINGS
folder = Path(sys.argv[1]); src = Path(sys.argv[2])
folder.mkdir(parents=True, exist_ok=True)
for k, (instruction, zone) in enumerate(BREAKOUT_INSTRUCTIONS.items()):
    make = lambda s: MixedAgent(BreakoutOracle(deadband=DEMO_DEADBAND, zone=zone, max_wait=0), DEMO_RANDOM['breakout'], seed=s, hold=DEMO_HOLD['breakout'])
    ds = _record_until(folder / f"breakout-{zone or 'play'}", make, 1000 * k, 8, 8 * 2500, max_steps=2500, meta=dict(instruction=instruction),
                       expert=BreakoutOracle(deadband=DEMO_DEADBAND, zone=zone, max_wait=0), **ORACLE_SETTINGS)
    print(instruction, len(ds), ds.steps, flush=True)
if not (folder / 'aim').exists(): os.symlink((src / 'aim').resolve(), folder / 'aim')
