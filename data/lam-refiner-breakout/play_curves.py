# With and without: the shipped LAM + a2l played open loop for 3,000 steps (real actions, 4 held-out games) alone, with the
# refiner shipped until 2026-12-04 and with this one. `python data/lam-refiner-breakout/play_curves.py OLD NEW` (refiner
# folders) writes runs/ship/lam_play_curves.png and .json.
import json, sys, time
from pathlib import Path
import matplotlib; matplotlib.use('Agg')
from gamemodels.core import setup_cpu
from gamemodels.a2l import shipped_world_model
from gamemodels.world import DetailRefiner, open_loop, plot_play_curves
setup_cpu(2)
out = Path('runs/ship'); out.mkdir(parents=True, exist_ok=True)
res = {}
for name, path in (('LAM + a2l alone', None), ('old refiner (target weights, expectile)', sys.argv[1]),
                   ('this refiner (context weights, faded contexts, palette)', sys.argv[2])):
    t0 = time.perf_counter()
    wm = shipped_world_model(refine=False)
    if path is not None: wm.refiner = DetailRefiner.from_pretrained(path).eval()
    res[name] = open_loop(wm, steps=3000, n=4)
    print(name, {k: v for k, v in res[name].items() if k.startswith('static_psnr_')}, round(time.perf_counter() - t0), flush=True)
fig = plot_play_curves(res, 'the shipped LAM + a2l played open loop (real actions), 4 held-out games')
fig.savefig(out / 'lam_play_curves.png', dpi=100)
json.dump({n: {k: v for k, v in r.items() if k != 'strip'} for n, r in res.items()}, open(out / 'lam_play_curves.json', 'w'), indent=1)
