# The paddle under a player that moves it (the library's `SweepPlayer`: runs of LEFT or RIGHT 5-40 steps long, into the walls
# too, FIRE now and then; no ball needed). Paddle presence per game over time, for a refiner (or none, or the real game):
#   python docs/experiments/hold/sweep.py RUN|shipped|none|real [--steps 1500] [--n 8] [--png F] [--model lam|diffusion]  (F: four games, steps 40-76)
#   [--base LAM A2L]: another latent-action model and its a2l (folders holding `model/`) under the refiner, or alone with `none`
#   [--gate D]: the refiner changes only what moved in the context (gate.py)
#   [--snap]: with `none`, each drawn frame snapped to the shipped LAM refiner's palette (no refiner)
import torch, argparse
from pathlib import Path
from gamemodels.core import world_model
from gamemodels.world import *
from gamemodels.data import HELDOUT_SEED

class Track(ClosedLoop):
    def see(self, frame, t):
        super().see(frame, t)
        if not hasattr(self, 'seen'): self.seen = []
        self.seen.append(~torch.isnan(detect_paddle(frame)))
        if 40 <= t <= 76 and t % 3 == 1: self.shots.append(frame[:4].clone()) if hasattr(self, 'shots') else setattr(self, 'shots', [frame[:4].clone()])

class Snap:
    "A stand-in refiner that only snaps each drawn frame to a palette."
    keys = 0
    def __init__(self, pal): self.pal = torch.tensor(pal, dtype=torch.float32)
    def refine(self, nxt, frames): return nearest_colour(nxt.float(), self.pal)

if __name__ == '__main__':
    p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--steps', type=int, default=1500)
    p.add_argument('--n', type=int, default=8); p.add_argument('--png'); p.add_argument('--model', default='lam')
    p.add_argument('--base', nargs=2); p.add_argument('--snap', action='store_true'); p.add_argument('--gate', type=int); p.add_argument('--track'); p.add_argument('--odds'); p.add_argument('--hold', type=int, default=0); a = p.parse_args(); torch.set_num_threads(2); torch.manual_seed(0)
    if a.run == 'real': wm = RealGame(HELDOUT_SEED + 2000, 4)
    else:
        if a.base:
            from gamemodels.a2l import LatentWorldModel
            wm = LatentWorldModel.from_pretrained(*(Path(b) / 'model' for b in a.base))
        else: wm = world_model(a.model, refine=a.run == 'shipped')
        if a.run not in ('shipped', 'none'): wm.refiner = DetailRefiner.from_pretrained(Path(a.run) / 'model')
        if a.odds:
            import sys; sys.path.insert(0, str(Path(__file__).parent)); from oddsfit import swap_odds; swap_odds(wm.refiner, a.odds)
        if a.track:
            import sys; sys.path.insert(0, str(Path(__file__).parent)); from evsplit import EventSplit
            wm.refiner = EventSplit(wm.refiner, DetailRefiner.from_pretrained(Path(a.track) / 'model'), a.hold)
        if a.gate is not None:
            import sys; sys.path.insert(0, str(Path(__file__).parent)); from gate import Gated
            wm.refiner = Gated(wm.refiner, a.gate)
        if a.snap: wm.refiner = Snap(DetailRefiner.from_pretrained('data/lam-refiner-breakout').palette)
    cl = Track(a.n, player=SweepPlayer()); r = drive(wm, [cl], a.steps)[0]
    s = torch.stack(cl.seen).float()                      # [T, n]
    for q in (20, 50, 100, 300, 600, 1000, 1500, 3000):
        if q <= a.steps: print(f'paddle seen at step {q}: {s[q - 1].mean():.2f}, over steps {max(1, q - 99)}-{q}: {s[max(0, q - 100):q].mean():.2f}')
    if a.png:
        import numpy as np; from PIL import Image
        rows = [side_by_side(*[f[g][None, :, 28:, :] for f in cl.shots], scale=3)[0] for g in range(4)]
        Image.fromarray(np.concatenate(rows)).save(a.png)
