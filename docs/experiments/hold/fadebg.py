# Fade toward the background, not toward the base model's guess: `fade` blends the last context frame toward the LAM's own
# guess of it, and by the wall that guess keeps the ball where it was (run 77's picture), so the faded frame shows two half
# balls and the ball's place inside its pixel, which foretells the turn (run 81), is lost. Here the same share of clips is
# faded by the same amounts toward the per-pixel median of the real context frames (the ball, moving, is in one of them):
# the ball dims in place. A fine-tune of RUN on hold.py's clips (`--hold 0`), `--turns` as there.
#   python docs/experiments/hold/fadebg.py RUN --base LAM A2L --data D --out OUT [--turns 0.25] [--steps 1500]
import sys, argparse, json, time, torch
from functools import partial
from pathlib import Path
from gamemodels.world import *
from gamemodels.a2l import LatentWorldModel, BUDGET_SIZES, RECIPE
from gamemodels.data import training_data, record_starts, FrameStore, ClipDataset
from gamemodels.train import fit_within

class BgFadeClips(RefinerClips):
    "`RefinerClips(fade=)` whose faded frame is blended toward the context's per-pixel median instead of the model's guess."
    def __init__(self, model, clips, **kw):
        super().__init__(model, clips, **kw)
        C = model.context
        for i in range(0, len(self.ids), 512):
            f, _ = clips.__getitems__(self.ids[i:i + 512].tolist())
            real = f[:, 1:C + 1]; bg = real.median(1).values.float(); al = self.alpha[i:i + 512, None, None, None]
            self.ctx[i:i + 512, -1] = (al * real[:, -1].float() + (1 - al) * bg).round().to(torch.uint8)

if __name__ == '__main__':
    p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--base', nargs=2, required=True)
    p.add_argument('--data', required=True); p.add_argument('--out', required=True); p.add_argument('--turns', type=float, default=0.25)
    p.add_argument('--steps', type=int, default=1500); p.add_argument('--lr', type=float, default=5e-4); p.add_argument('--seed', type=int, default=2)
    p.add_argument('--clips', type=int, default=16000); p.add_argument('--faint', type=float, default=0.25); p.add_argument('--fade', type=float, default=0.7)
    a = p.parse_args(); torch.set_num_threads(2); torch.manual_seed(a.seed); t0 = time.perf_counter(); out = Path(a.out)
    wm = LatentWorldModel.from_pretrained(*(Path(b) / 'model' for b in a.base))
    ref = DetailRefiner.from_pretrained(Path(a.run) / 'model')
    sizes = BUDGET_SIZES['cpu']
    ds = training_data(a.data, RECIPE, sizes['episodes'], sizes['max_steps'], 0)
    store = FrameStore(list(ds) + list(record_starts(f'{a.data}-starts', 400)))
    data = BgFadeClips(wm, ClipDataset(store, context=wm.context, horizon=2), crop=32, n=a.clips, seed=a.seed, progress=False, actions=True,
                       position=True, fade=a.fade, appear=0.25, clock=2, event=True, elsewhere=0.0, specks=0.25, palette=ref.palette, ghosts=0.25, faint=a.faint, turns=a.turns)
    ref.train(); ref.odds.requires_grad_(False)
    fit_within(None, ref, partial(refiner_loss, w=40.0, weights='context'), data, steps=a.steps, batch_size=32, lr=a.lr, lr_schedule='cosine',
               warmup=min(75, a.steps // 10), run_dir=out / 'run', ckpt_every=250, seed=a.seed, progress=False, log_every=50)
    ref.save_pretrained(out / 'model')
    (out / 'train.json').write_text(json.dumps(dict(vars(a), minutes=round((time.perf_counter() - t0) / 60, 2)), indent=1))
    print(f'done: {(time.perf_counter() - t0) / 60:.1f} min', flush=True)
