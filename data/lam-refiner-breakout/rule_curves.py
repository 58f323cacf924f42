# With and without the play-time rule: the shipped LAM + a2l played open loop for 3,000 steps (real actions, 4 held-out games)
# alone, with this refiner and no rule (`least=0`), and with this refiner as shipped (`least=8`, from its config.json).
#   python data/lam-refiner-breakout/rule_curves.py [REFINER]   ->  runs/ship/lam_rule_curves.png and .json
import json, sys, time
from pathlib import Path
import matplotlib; matplotlib.use('Agg')
from gamemodels.core import setup_cpu
from gamemodels.a2l import shipped_world_model
from gamemodels.world import DetailRefiner, open_loop, plot_play_curves
setup_cpu(2)
folder = sys.argv[1] if len(sys.argv) > 1 else 'data/lam-refiner-breakout'
out = Path('runs/ship'); out.mkdir(parents=True, exist_ok=True)
shipped = DetailRefiner.from_pretrained(folder).least
res = {}
for name, least in (('LAM + a2l alone', None), ('refiner, no rule (least 0)', 0), (f'refiner as shipped (least {shipped})', shipped)):
    t0 = time.perf_counter()
    wm = shipped_world_model(refine=False)
    if least is not None: wm.refiner = DetailRefiner.from_pretrained(folder).eval(); wm.refiner.least = least
    res[name] = open_loop(wm, steps=3000, n=4)
    print(name, {k: v for k, v in res[name].items() if k.startswith('static_psnr_')}, round(time.perf_counter() - t0), flush=True)
fig = plot_play_curves(res, 'the shipped LAM + a2l played open loop (real actions), 4 held-out games')
fig.savefig(out / 'lam_rule_curves.png', dpi=100)
json.dump({n: {k: v for k, v in r.items() if k != 'strip'} for n, r in res.items()}, open(out / 'lam_rule_curves.json', 'w'), indent=1)
