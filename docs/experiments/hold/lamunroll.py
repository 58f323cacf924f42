# The latent action model trained through its own guesses: each clip is unrolled K more steps, the decoder drawing step j+1
# from a context whose last frames are its own drawings of steps <= j (the code each step still named by the encoder from the
# real frames), every step's guess scored against the real frame. Then the a2l on it, as the library trains one:
#   python docs/experiments/hold/lamunroll.py --out runs/hold/lamunroll2 --unroll 2 [--data runs/hold/data-lam-cpu] [--minutes 16]
#   gamemodels train a2l --budget cpu --threads 2 --data runs/hold/data-lam-cpu --lam runs/hold/lamunroll2/model --out runs/hold/lamunroll2/a2l --quiet
import argparse, json, time, torch
from pathlib import Path
from gamemodels.lam import LatentActionModel, lam_loss   # the unrolled loss, in the library since (`gamemodels train lam --unroll K`)
from gamemodels.data import training_data, FrameStore, ClipDataset
from gamemodels.train import fit_within

if __name__ == '__main__':
    p = argparse.ArgumentParser(); p.add_argument('--out', required=True); p.add_argument('--unroll', type=int, default=2)
    p.add_argument('--data', default='runs/hold/data-lam-cpu'); p.add_argument('--steps', type=int, default=3000)
    p.add_argument('--minutes', type=float); p.add_argument('--seed', type=int, default=0); a = p.parse_args()
    torch.set_num_threads(2); out = Path(a.out); t0 = time.perf_counter()
    clips = ClipDataset(FrameStore.from_dataset(training_data(a.data, 'lam', 48, 1000)), context=4, horizon=1 + a.unroll)
    model = LatentActionModel()
    r = fit_within(a.minutes, model, lam_loss, clips, steps=a.steps, batch_size=32, lr=2e-3,
                   lr_schedule='cosine', warmup=min(100, a.steps // 10), clip_grad=100.0, run_dir=out / 'run', ckpt_every=200, seed=a.seed,
                   progress=False, log_every=50)
    model.save_pretrained(out / 'model')
    (out / 'train.json').write_text(json.dumps(dict(vars(a), **r, minutes=round((time.perf_counter() - t0) / 60, 2)), default=str, indent=1))
    print(r)
