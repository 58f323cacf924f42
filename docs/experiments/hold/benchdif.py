# The full `gamemodels bench diffusion` (cpu budget) on another denoiser and/or refiner than the shipped ones:
#   python docs/experiments/hold/benchdif.py OUT [--model DENOISER_FOLDER] [--refiner REFINER_FOLDER|none]  ->  OUT/bench.json, OUT/bench_strip.png
#   (THREADS=1 in the environment to share the machine with a training run)
import os, json, argparse, torch
from pathlib import Path
from gamemodels.diffusion import bench_diffusion
p = argparse.ArgumentParser(); p.add_argument('out'); p.add_argument('--model'); p.add_argument('--refiner')
args = p.parse_args(); out = Path(args.out); out.mkdir(parents=True, exist_ok=True)
torch.set_num_threads(int(os.environ.get('THREADS', 2))); torch.manual_seed(0)
r = bench_diffusion('cpu', model=args.model, refiner=args.refiner, strip=str(out / 'bench_strip.png'))
(out / 'bench.json').write_text(json.dumps(r, indent=1, default=str))
keys = ('static_psnr_1000', 'static_psnr_3000', 'ball_share_ratio', 'bricks_ratio', 'flicker_ratio', 'alive_3000', 'alive_moved_3000',
        'lives_lost', 'dyn_psnr_1', 'ball_err_4', 'paddle_control', 'fps', 'alive_200')
print({k: r.get(k) for k in keys}, r.get('targets'), flush=True)
