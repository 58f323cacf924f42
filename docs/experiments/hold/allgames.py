# Closed-loop frames of every game (pixel player) of a library-trained refiner, with the paddle's presence per game over time:
#   python docs/experiments/hold/allgames.py RUN [--steps 600] [--n 4]  ->  RUN/allgames.png (a row per game)
import sys, torch, argparse
from pathlib import Path
from gamemodels.core import world_model
from gamemodels.world import *
from PIL import Image
import numpy as np

class AllGames(ClosedLoop):
    "`ClosedLoop` keeping every game's frames at `keep`, and the steps at which each game's paddle was last seen."
    def see(self, frame, t):
        super().see(frame, t)
        if not hasattr(self, 'frames'): self.frames, self.paddle_last = {}, torch.zeros(self.n)
        if t in self.keep: self.frames[t] = frame.clone()
        self.paddle_last = torch.where(~torch.isnan(detect_paddle(frame)), float(t), self.paddle_last)

if __name__ == '__main__':
    p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--model', default='lam'); p.add_argument('--steps', type=int, default=600)
    p.add_argument('--n', type=int, default=4); args = p.parse_args(); torch.set_num_threads(2)
    wm = world_model(args.model, refine=False); wm.refiner = DetailRefiner.from_pretrained(Path(args.run) / 'model')
    at = tuple(t for t in (5, 20, 50, 100, 150, 200, 300, 400, 600, 1000, 2000, 3000) if t <= args.steps)
    cl = AllGames(args.n, keep=at); r = drive(wm, [cl], args.steps)[0]
    print({k: v for k, v in r.items() if not isinstance(v, (list, dict))}, 'paddle last seen at', cl.paddle_last.tolist())
    rows = [side_by_side(*[cl.frames[t][g][None] for t in at], scale=2)[0] for g in range(args.n)]
    Image.fromarray(np.concatenate(rows)).save(Path(args.run) / 'allgames.png')
