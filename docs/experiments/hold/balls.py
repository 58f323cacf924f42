# How many balls the closed loop shows: `closed_loop`'s pixel player (8 games, 600 steps), and in each frame the red blobs
# (8-connected) in the open space below the bricks, where `detect_ball` looks. The real game shows at most one; `ball_share`
# counts a frame with several small ones as "a ball seen" while their red mass stays under `detect_ball`'s 6.
#   python docs/experiments/hold/balls.py RUN|real [--base LAM A2L] [--steps 600]   (default base: run 59's unrolled LAM)
import argparse, torch, torch.nn.functional as F
from pathlib import Path
from gamemodels.world import *
from gamemodels.data import HELDOUT_SEED
from gamemodels.a2l import LatentWorldModel

def blobs(frame) -> torch.Tensor:
    "Red blobs in the open space of each frame `[n, 3, H, W]`: `[n]`."
    r = redness(frame)[..., BALL_ROWS[0]:BALL_ROWS[1], BALL_COLS[0]:BALL_COLS[1]] > 0
    own = (torch.arange(r[0].numel()).reshape(r.shape[1:]) + 1).float()
    lab = own * r
    for _ in range(12): lab = F.max_pool2d(lab[:, None], 3, 1, 1)[:, 0] * r   # each blob takes its largest pixel number
    return ((lab == own) & r).flatten(1).sum(1)

class Count(ClosedLoop):
    def see(self, frame, t):
        super().see(frame, t)
        if not hasattr(self, 'n_blobs'): self.n_blobs = []
        self.n_blobs.append(blobs(frame))

if __name__ == '__main__':
    p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--steps', type=int, default=600)
    p.add_argument('--base', nargs=2, default=['runs/hold/lamunroll2', 'runs/hold/lamunroll2/a2l']); a = p.parse_args()
    torch.set_num_threads(2); torch.manual_seed(0)
    if a.run == 'real': wm = RealGame(HELDOUT_SEED + 2000, 4)
    else:
        wm = LatentWorldModel.from_pretrained(*(f'{b}/model' if Path(f'{b}/model').exists() else b for b in a.base))
        wm.refiner = DetailRefiner.from_pretrained(a.run + '/model' if Path(a.run + '/model').exists() else a.run)
    cl = Count(8); r = drive(wm, [cl], a.steps)[0]
    b = torch.stack(cl.n_blobs).float()          # [T, n]
    print(f"{a.run}: ball_share {r['ball_share']:.3f}; frames with 0 / 1 / 2 / 3+ red blobs: "
          f"{(b == 0).float().mean():.3f} / {(b == 1).float().mean():.3f} / {(b == 2).float().mean():.3f} / {(b >= 3).float().mean():.3f}; mean {b.mean():.2f}")
