# Where a moved paddle is lost: `SweepPlayer` drives a latent-action pair with a refiner (as sweep.py), every frame kept;
# for each game that loses the paddle, the 22 steps before and the 6 after the last step it is seen
# (every 2nd step, the bottom 16 rows, x3), one row per game.
#   python docs/experiments/hold/paddlelost.py RUN --base LAM A2L [--steps 600] [--n 8] --png F
import torch, argparse, numpy as np
from pathlib import Path
from PIL import Image
from gamemodels.world import *
from gamemodels.a2l import LatentWorldModel

class Keep(ClosedLoop):
    def see(self, frame, t):
        super().see(frame, t)
        if not hasattr(self, 'frames'): self.frames, self.seen = [], []
        self.frames.append(frame.clone()); self.seen.append(~torch.isnan(detect_paddle(frame)))

if __name__ == '__main__':
    p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--base', nargs=2, required=True)
    p.add_argument('--steps', type=int, default=600); p.add_argument('--n', type=int, default=8); p.add_argument('--png', required=True)
    a = p.parse_args(); torch.set_num_threads(2); torch.manual_seed(0)
    wm = LatentWorldModel.from_pretrained(*(Path(b) / 'model' for b in a.base))
    if a.run != 'none': wm.refiner = DetailRefiner.from_pretrained(Path(a.run) / 'model')
    cl = Keep(a.n, player=SweepPlayer()); drive(wm, [cl], a.steps)
    f, s = torch.stack(cl.frames), torch.stack(cl.seen)          # [T, n, 3, H, W], [T, n]
    rows = []
    for g in range(a.n):
        if s[-1, g]: continue
        last = int(s[:, g].nonzero().max()) if s[:, g].any() else 0   # last step the paddle is seen
        ts = [t for t in range(last - 22, last + 8, 2) if 0 <= t < len(f)]
        print(f'game {g}: paddle last seen at step {last}; frames {ts[0]}-{ts[-1]}')
        rows.append(side_by_side(*[f[t, g][None, :, 48:, :] for t in ts], scale=3)[0])
    if rows:
        w = max(r.shape[1] for r in rows)
        Image.fromarray(np.concatenate([np.pad(r, ((0, 0), (0, w - r.shape[1]), (0, 0))) for r in rows])).save(a.png)
