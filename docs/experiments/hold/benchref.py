# The full `gamemodels bench lam` (cpu budget) on a library-trained latent-action refiner, not the shipped one:
#   python docs/experiments/hold/benchref.py RUN [LAM A2L]  ->  RUN/bench.json, RUN/bench_strip.png
#   (LAM, A2L: another base model's folders holding `model/`; RUN 'none' with them: the base alone, figures into LAM)
import os, sys, json, torch
from pathlib import Path
from gamemodels.a2l import bench_lam
run = Path(sys.argv[1]); torch.set_num_threads(int(os.environ.get('THREADS', 2))); torch.manual_seed(0)
base = dict(lam=sys.argv[2] + '/model', a2l=sys.argv[3] + '/model') if len(sys.argv) > 3 else {}
if sys.argv[1] == 'none': run = Path(sys.argv[2])
r = bench_lam('cpu', refiner='none' if sys.argv[1] == 'none' else str(run / 'model'), strip=str(run / 'bench_strip.png'), **base)
(run / 'bench.json').write_text(json.dumps(r, indent=1, default=str))
keys = ('static_psnr_1000', 'static_psnr_3000', 'ball_share_ratio', 'bricks_ratio', 'flicker_ratio', 'alive_3000', 'lives_lost',
        'dyn_psnr_1', 'ball_err_4', 'paddle_control', 'fps', 'alive_200')
print({k: r.get(k) for k in keys}, r.get('targets'), flush=True)
