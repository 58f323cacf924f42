# Where a closed-loop ball is lost: the frames around each loss `ClosedLoop` counts (ball last seen low, then gone 3 steps),
# for the first games that lose one:  python docs/experiments/hold/losses.py RUN [--steps 300] [--base LAM A2L]  ->  RUN/losses.png
import sys, torch, argparse
from pathlib import Path
import numpy as np
from gamemodels.core import world_model
from gamemodels.world import *
from PIL import Image

class Losses(ClosedLoop):
    "`ClosedLoop` keeping the last 14 frames of every game, and the 14 around each loss."
    def see(self, frame, t):
        before = self.lost.clone(); super().see(frame, t)
        if not hasattr(self, 'hist'): self.hist, self.shots = [], []
        self.hist = (self.hist + [frame.clone()])[-14:]
        for g in torch.nonzero(self.lost > before)[:, 0].tolist():
            if len(self.shots) < 4: self.shots.append(torch.stack([h[g] for h in self.hist]))

if __name__ == '__main__':
    p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--steps', type=int, default=300); p.add_argument('--base', nargs=2); a = p.parse_args()
    torch.set_num_threads(2); torch.manual_seed(0)
    if a.base:   # another latent-action model and its a2l (folders holding `model/`)
        from gamemodels.a2l import LatentWorldModel
        wm = LatentWorldModel.from_pretrained(*(Path(b) / 'model' for b in a.base))
    else: wm = world_model('lam', refine=False)
    if a.run != 'real': wm.refiner = DetailRefiner.from_pretrained(Path(a.run) / 'model')
    cl = Losses(4); r = drive(wm if a.run != 'real' else RealGame(HELDOUT_SEED + 2000, wm.context), [cl], a.steps)[0]
    print({k: v for k, v in r.items() if not isinstance(v, (list, dict))}, len(cl.shots), 'losses shown')
    rows = [side_by_side(*[s[i][None, :, 28:, :] for i in range(len(s))], scale=3)[0] for s in cl.shots]
    if rows: Image.fromarray(np.concatenate(rows)).save(Path(a.run if a.run != 'real' else 'runs/hold') / 'losses.png')
