# How long a ball lives in closed-loop play and where it goes: `closed_loop`'s pixel player (8 games), every stretch of steps with
# a ball seen (`detect_ball`) is one life; per life its length, the row it was first and last seen at, and whether it was last seen
# by the paddle (y >= 50, the loss `ClosedLoop` counts) or vanished in the open (y < 50), and how it moved (bounced off the paddle:
# vertical speed turned from down to up while low). The real game beside it.
#   python docs/experiments/hold/balllife.py RUN|real [--base LAM A2L] [--steps 600]   (default base: run 59's unrolled LAM)
import argparse, torch
from pathlib import Path
from gamemodels.world import *
from gamemodels.data import HELDOUT_SEED
from gamemodels.a2l import LatentWorldModel

class Life(ClosedLoop):
    def see(self, frame, t):
        super().see(frame, t)
        if not hasattr(self, 'tracks'): self.tracks = [[] for _ in range(len(frame))]
        bx, by = detect_ball(frame)
        for g in range(len(frame)): self.tracks[g].append((float(bx[g]), float(by[g])))

def lives(track):
    "Stretches of steps with a ball: [(start, [(x, y), ...])], a gap of one step bridged."
    out, cur, gap = [], None, 0
    for t, (x, y) in enumerate(track):
        if x == x:
            if cur is None: cur = (t, [])
            cur[1].append((x, y)); gap = 0
        elif cur is not None:
            gap += 1
            if gap > 1: out.append(cur); cur, gap = None, 0
    if cur is not None: out.append(cur)
    return out

def summary(name, tracks, steps):
    ls = [l for tr in tracks for l in lives(tr)]
    n = len(ls); lengths = torch.tensor([len(p) for _, p in ls], dtype=torch.float) if n else torch.zeros(1)
    low = sum(p[-1][1] >= 50 for _, p in ls); bounces = 0
    for tr in tracks:   # the ball is lost beside the paddle (both red): a bounce is a life ending low and the next starting low within 6 steps
        lt = lives(tr)
        bounces += sum(p[-1][1] >= 50 and q[0] - (s + len(p)) <= 6 and q[1][0][1] >= 45 for (s, p), (q) in zip(lt, lt[1:]))
    first = torch.tensor([p[0][1] for _, p in ls]) if n else torch.zeros(1)
    last = torch.tensor([p[-1][1] for _, p in ls]) if n else torch.zeros(1)
    print(f'{name}: {n / len(tracks):.2f} lives a game ({steps} steps), length median {lengths.median():.0f} mean {lengths.mean():.1f}; '
          f'ends low {low / max(n, 1):.2f}, in the open {1 - low / max(n, 1):.2f}; back up off the paddle {bounces / max(low, 1):.2f} of those ending low; '
          f'first seen at row median {first.median():.0f}, last seen median {last.median():.0f}', flush=True)
    hist = torch.histc(last, 8, 14, 62) if n else torch.zeros(8)
    print('  last seen by row band (14..62, 6 px each):', hist.int().tolist(), flush=True)

if __name__ == '__main__':
    p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--steps', type=int, default=600)
    p.add_argument('--base', nargs=2, default=['runs/hold/lamunroll2', 'runs/hold/lamunroll2/a2l']); a = p.parse_args()
    torch.set_num_threads(2); torch.manual_seed(0)
    if a.run == 'real': wm = RealGame(HELDOUT_SEED + 2000, 4)
    else:
        wm = LatentWorldModel.from_pretrained(*(f'{b}/model' for b in a.base))
        wm.refiner = DetailRefiner.from_pretrained(a.run + '/model')
    pr = Life(8); drive(wm, [pr], a.steps)
    summary(a.run, pr.tracks, a.steps)
    print('game 0 lives (start, length, first / last row):', [(t, len(q), round(q[0][1]), round(q[-1][1])) for t, q in lives(pr.tracks[0])][:12])
