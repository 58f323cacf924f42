# The full `gamemodels bench lam` (cpu budget) on a LAM + a2l + refiner trio (checkpoint folders), then `world_fps` (batch 1)
# of it and of the shipped trio alternated 3 times in one process (the ratio is the figure: this host drifts):
#   python docs/experiments/hold/trio.py LAM A2L REFINER OUT   ->  OUT/bench.json, OUT/strip.png
import sys, json, torch, numpy as np
from pathlib import Path
from gamemodels.core import setup_cpu
from gamemodels.a2l import bench_lam, LatentWorldModel, shipped_world_model, record_heldout
from gamemodels.world import world_fps
setup_cpu(2); torch.manual_seed(0)
lam, a2l, ref, out = sys.argv[1:5]; out = Path(out); out.mkdir(parents=True, exist_ok=True)
r = bench_lam('cpu', lam=lam, a2l=a2l, refiner=ref, strip=str(out / 'strip.png'))
ho = record_heldout(1, 200); new, old = LatentWorldModel.from_pretrained(lam, a2l, ref), shipped_world_model()
fps = {'new': [], 'shipped': []}
for _ in range(3):
    for k, wm in (('new', new), ('shipped', old)): fps[k].append(round(world_fps(wm, ho, 300), 1))
r['fps_vs_shipped'] = dict(fps, ratio=round(float(np.median(fps['new']) / np.median(fps['shipped'])), 3))
(out / 'bench.json').write_text(json.dumps(r, indent=1, default=str))
keys = ('static_psnr_1000', 'static_psnr_3000', 'ball_share_ratio', 'bricks_ratio', 'flicker_ratio', 'alive_3000', 'alive_moved_3000',
        'lives_lost', 'dyn_psnr_1', 'ball_err_4', 'paddle_control', 'paddle_err_16', 'a2l_best_accuracy', 'alive_200', 'fps', 'train_minutes')
print({k: r.get(k) for k in keys}, r['fps_vs_shipped'], r.get('targets'), flush=True)
