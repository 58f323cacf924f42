# Where a closed-loop paddle is lost: the 14 frames before each game's paddle is first gone 3 steps running, zoomed on the
# lower half:  python docs/experiments/hold/paddleloss.py RUN [--steps 1500] [--n 4]  ->  RUN/paddleloss.png
import torch, argparse
from pathlib import Path
import numpy as np
from gamemodels.core import world_model
from gamemodels.world import *
from PIL import Image

class PaddleLoss(ClosedLoop):
    "`ClosedLoop` keeping the last 14 frames of every game, and those before each game's paddle is first gone 3 steps running."
    def see(self, frame, t):
        super().see(frame, t)
        if not hasattr(self, 'hist'): self.hist, self.shots, self.gone, self.at = [], {}, torch.zeros(self.n, dtype=torch.long), {}
        self.hist = (self.hist + [frame.clone()])[-14:]
        self.gone = torch.where(torch.isnan(detect_paddle(frame)), self.gone + 1, torch.zeros_like(self.gone))
        for g in torch.nonzero(self.gone == 3)[:, 0].tolist():
            if g not in self.shots: self.shots[g], self.at[g] = torch.stack([h[g] for h in self.hist]), t

if __name__ == '__main__':
    p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--steps', type=int, default=1500)
    p.add_argument('--n', type=int, default=4); a = p.parse_args()
    torch.set_num_threads(2); torch.manual_seed(0)
    wm = world_model('lam', refine=False); wm.refiner = DetailRefiner.from_pretrained(Path(a.run) / 'model')
    cl = PaddleLoss(a.n); r = drive(wm, [cl], a.steps)[0]
    print({k: v for k, v in r.items() if not isinstance(v, (list, dict))}, 'paddle first lost at', cl.at)
    rows = [side_by_side(*[s[i][None, :, 28:, :] for i in range(len(s))], scale=3)[0] for s in cl.shots.values()]
    if rows: Image.fromarray(np.concatenate(rows)).save(Path(a.run) / 'paddleloss.png')
