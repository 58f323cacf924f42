# The full `gamemodels bench lam` (cpu budget) on a library-trained latent-action refiner, not the shipped one:
#   python docs/experiments/hold/benchref.py RUN  ->  RUN/bench.json, RUN/bench_strip.png
import sys, json, torch
from pathlib import Path
from gamemodels.a2l import bench_lam
run = Path(sys.argv[1]); torch.set_num_threads(2); torch.manual_seed(0)
r = bench_lam('cpu', refiner=str(run / 'model'), strip=str(run / 'bench_strip.png'))
(run / 'bench.json').write_text(json.dumps(r, indent=1, default=str))
keys = ('static_psnr_1000', 'static_psnr_3000', 'ball_share_ratio', 'bricks_ratio', 'flicker_ratio', 'alive_3000', 'lives_lost',
        'dyn_psnr_1', 'ball_err_4', 'paddle_control', 'fps', 'alive_200')
print({k: r.get(k) for k in keys}, r.get('targets'), flush=True)
