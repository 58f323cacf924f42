# The paddle under a player that moves it: runs of LEFT or RIGHT 5-40 steps long (into the walls too), FIRE now and then, no
# ball needed. Paddle presence per game over time, for a refiner (or none, or the real game):
#   python docs/experiments/hold/sweep.py RUN|shipped|none|real [--steps 1500] [--n 8] [--png F] [--model lam|diffusion]  (F: four games, steps 40-76)
import torch, argparse
from pathlib import Path
from gamemodels.core import world_model
from gamemodels.world import *
from gamemodels.data import HELDOUT_SEED

class Sweeper:
    "Runs of one action (LEFT or RIGHT, 5-40 steps; FIRE one step in ten runs) per game, drawn with `seed`."
    def __init__(self, seed: int = 0): self.g, self.left, self.a = torch.Generator().manual_seed(seed), None, None
    def act(self, frames):
        B = len(frames)
        if self.left is None: self.left, self.a = torch.zeros(B, dtype=torch.long), torch.full((B,), NOOP)
        new = self.left <= 0
        pick = torch.where(torch.rand(B, generator=self.g) < 0.1, FIRE, torch.where(torch.rand(B, generator=self.g) < 0.5, LEFT, RIGHT))
        self.a = torch.where(new, pick, self.a)
        self.left = torch.where(new, torch.where(pick == FIRE, 1, torch.randint(5, 41, (B,), generator=self.g)), self.left - 1)
        return self.a.clone()

class Track(ClosedLoop):
    def see(self, frame, t):
        super().see(frame, t)
        if not hasattr(self, 'seen'): self.seen = []
        self.seen.append(~torch.isnan(detect_paddle(frame)))
        if 40 <= t <= 76 and t % 3 == 1: self.shots.append(frame[:4].clone()) if hasattr(self, 'shots') else setattr(self, 'shots', [frame[:4].clone()])

if __name__ == '__main__':
    p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--steps', type=int, default=1500)
    p.add_argument('--n', type=int, default=8); p.add_argument('--png'); p.add_argument('--model', default='lam'); a = p.parse_args(); torch.set_num_threads(2); torch.manual_seed(0)
    if a.run == 'real': wm = RealGame(HELDOUT_SEED + 2000, 4)
    else:
        wm = world_model(a.model, refine=a.run == 'shipped')
        if a.run not in ('shipped', 'none'): wm.refiner = DetailRefiner.from_pretrained(Path(a.run) / 'model')
    cl = Track(a.n, player=Sweeper()); r = drive(wm, [cl], a.steps)[0]
    s = torch.stack(cl.seen).float()                      # [T, n]
    for q in (100, 300, 600, 1000, 1500, 3000):
        if q <= a.steps: print(f'paddle seen at step {q}: {s[q - 1].mean():.2f}, over steps {q - 99}-{q}: {s[q - 100:q].mean():.2f}')
    if a.png:
        import numpy as np; from PIL import Image
        rows = [side_by_side(*[f[g][None, :, 28:, :] for f in cl.shots], scale=3)[0] for g in range(4)]
        Image.fromarray(np.concatenate(rows)).save(a.png)
