# How many balls the closed loop shows: `closed_loop`'s pixel player (8 games, 600 steps), and in each frame the red blobs
# (8-connected) in the open space below the bricks, where `detect_ball` looks. The real game shows at most one; `ball_share`
# counts a frame with several small ones as "a ball seen" while their red mass stays under `detect_ball`'s 6.
#   python docs/experiments/hold/balls.py RUN|real [--base LAM A2L] [--steps 600] [--force 0|1] [--gate D [--bit]] [--png F]   (default base: run 59's unrolled LAM)
# Also where the extra dots are born: each dot more than 3 px from every dot of the step before, in a frame that gained one.
import argparse, torch, torch.nn.functional as F
from pathlib import Path
from gamemodels.world import *
from gamemodels.world import count_balls
from gamemodels.data import HELDOUT_SEED
from gamemodels.a2l import LatentWorldModel

def centres(frame) -> list:
    "The red blobs (8-connected, as `count_balls`) in the open space of each frame `[n, 3, H, W]`: per frame a list of (x, y)."
    r = redness(frame)[..., BALL_ROWS[0]:BALL_ROWS[1], BALL_COLS[0]:BALL_COLS[1]]; on = r > 0
    own = (torch.arange(on[0].numel()).reshape(on.shape[1:]) + 1).float()
    lab = own * on
    for _ in range(64): lab = F.max_pool2d(lab[:, None], 3, 1, 1)[:, 0] * on
    out = []
    for i in range(len(frame)):
        cs = []
        for l in lab[i].unique()[1:].tolist():
            ys, xs = torch.nonzero(lab[i] == l, as_tuple=True); w = r[i][ys, xs]
            if w.sum() >= 0.3: cs.append((float((xs + 0.5 + BALL_COLS[0]) @ w / w.sum()), float((ys + 0.5 + BALL_ROWS[0]) @ w / w.sum())))
        out.append(cs)
    return out

GUESS = []

class Count(ClosedLoop):
    def see(self, frame, t):
        super().see(frame, t)
        if not hasattr(self, 'n_blobs'): self.n_blobs, self.births, self.last = [], [], [[] for _ in range(len(frame))]
        cs = centres(frame); self.n_blobs.append(count_balls(frame))
        self.hist = (getattr(self, 'hist', []) + [frame.clone()])[-3:]
        if not hasattr(self, 'shots'): self.shots = []
        for g, (now, before) in enumerate(zip(cs, self.last)):
            if len(now) > len(before) and before:   # one more dot than the step before, beside at least one: where did it come from?
                for x, y in now:
                    d = min(((x - u) ** 2 + (y - v) ** 2) ** 0.5 for u, v in before)
                    if d > 3:   # and how red the base model's guess (before the refiner) was there: max over 3x3
                        gr = redness(GUESS[0][g])[int(y) - 1:int(y) + 2, int(x) - 1:int(x) + 2].max() if GUESS else float('nan')
                        self.births.append((x, y, d, min(((x - u) ** 2 + (y - v) ** 2) ** 0.5 for u, v in now if (u, v) != (x, y)), float(gr)))
                        if len(self.shots) < 6 and t > 20: self.shots.append(([h[g] for h in self.hist], x, y))   # the two frames before, and this one
        self.last = cs

if __name__ == '__main__':
    p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--steps', type=int, default=600); p.add_argument('--force', type=int); p.add_argument('--gate', type=int); p.add_argument('--bit', action='store_true'); p.add_argument('--png')
    p.add_argument('--base', nargs=2, default=['runs/hold/lamunroll2', 'runs/hold/lamunroll2/a2l']); a = p.parse_args()
    torch.set_num_threads(2); torch.manual_seed(0)
    if a.run == 'real': wm = RealGame(HELDOUT_SEED + 2000, 4)
    else:
        wm = LatentWorldModel.from_pretrained(*(f'{b}/model' if Path(f'{b}/model').exists() else b for b in a.base))
        wm.refiner = DetailRefiner.from_pretrained(a.run + '/model' if Path(a.run + '/model').exists() else a.run)
        if a.force is not None: wm.refiner.odds.mlp[-1].bias.data.fill_(40. if a.force else -40.)   # the event bit held on or off
    rec = []
    if a.run != 'real' and getattr(wm.refiner, 'event', False):   # the event odds in play, by the balls in the last context frame
        odds = wm.refiner.odds; fwd = odds.forward
        def spy(ctx, actions=None, t=None):
            o = fwd(ctx, actions, t); rec.append((torch.sigmoid(o).reshape(-1), count_balls(ctx[:, -1]), actions[:, -1])); return o
        odds.forward = spy
    if a.run != 'real':   # keep each step's guess, as the base model drew it, before the refiner
        ref = wm.refiner; rf = ref.refine
        def keep(guess, *args, **kw): GUESS[:] = [guess.clone()]; return rf(guess, *args, **kw)
        ref.refine = keep
    if a.gate is not None:   # the refiner's output only near what moved (gate.py), and with --bit everywhere on a drawn bit
        import sys; sys.path.insert(0, str(Path(__file__).parent)); import gate
        wm.refiner = (gate.BitGated if a.bit else gate.Gated)(wm.refiner, a.gate)
    cl = Count(8); r = drive(wm, [cl], a.steps)[0]
    if a.png and getattr(cl, 'shots', None):   # each row: the two frames before a new dot and the one it appears in (open space, x4)
        import numpy as np; from PIL import Image
        rows = [np.concatenate([np.pad(f[:, BALL_ROWS[0]:BALL_ROWS[1]].permute(1, 2, 0).numpy().repeat(4, 0).repeat(4, 1), ((2, 2), (2, 2), (0, 0)), constant_values=255)
                                for f in fs], 1) for fs, _, _ in cl.shots]
        Image.fromarray(np.concatenate(rows)).save(a.png); print('births at', [(round(x), round(y)) for _, x, y in cl.shots])
    if rec:
        p_, n_, k_ = (torch.cat(x) for x in zip(*rec))
        for lo, hi, name in ((0, 0, 'no ball'), (1, 1, 'one ball'), (2, 99, 'two or more')):
            m = (n_ >= lo) & (n_ <= hi)
            if m.any(): print(f"odds in play, {name} in the last frame: mean {p_[m].mean():.3f} over {int(m.sum())} steps "
                              f"(FIRE pressed on {(k_[m] == 1).float().mean():.2f} of them; odds then {p_[m & (k_ == 1)].mean() if (m & (k_ == 1)).any() else float('nan'):.3f})")
    b = torch.stack(cl.n_blobs).float()          # [T, n]
    print(f"{a.run}: ball_share {r['ball_share']:.3f}; frames with 0 / 1 / 2 / 3+ red blobs: "
          f"{(b == 0).float().mean():.3f} / {(b == 1).float().mean():.3f} / {(b == 2).float().mean():.3f} / {(b >= 3).float().mean():.3f}; mean {b.mean():.2f}")
    if cl.births:   # a dot more than 3 px from every dot of the step before, in a frame that gained one
        bt = torch.tensor(cl.births)
        print(f"{len(bt)} new dots beside a ball: rows 29-37 / 38-47 / 48-56: {(bt[:, 1] < 38).sum()} / {((bt[:, 1] >= 38) & (bt[:, 1] < 48)).sum()} / {(bt[:, 1] >= 48).sum()}; "
              f"within 8 px of another dot of their frame: {(bt[:, 3] <= 8).float().mean():.2f}; columns 3-8 or 54-59 (by a wall): {((bt[:, 0] < 9) | (bt[:, 0] > 54)).float().mean():.2f}; "
              f"redness of the base model's guess there: 0 / under 0.3 / 0.3-0.7 / over: {(bt[:, 4] == 0).float().mean():.2f} / "
              f"{((bt[:, 4] > 0) & (bt[:, 4] < 0.3)).float().mean():.2f} / {((bt[:, 4] >= 0.3) & (bt[:, 4] < 0.7)).float().mean():.2f} / {(bt[:, 4] >= 0.7).float().mean():.2f}")
