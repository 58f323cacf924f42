# Run 96: how bright a ball is drawn, and how far its pixels change in a step (what `hold` compares with its 16 levels):
# closed loop (the pixel player, 8 games, 600 steps), in every frame with a ball seen, over its footprint (`ball_footprint`)
# the peak red and the largest change from the frame before; the real game beside it.
#   python docs/experiments/hold/ballstep.py REFINER|real [--base LAM A2L] [--hold H]
import argparse, torch
from gamemodels.world import ClosedLoop, drive, ball_footprint, RealGame, DetailRefiner
from gamemodels.data import HELDOUT_SEED
from gamemodels.a2l import LatentWorldModel
class Step(ClosedLoop):
    def see(self, frame, t):
        super().see(frame, t)
        prev = getattr(self, 'pv_', None); self.pv_ = frame.clone()
        if prev is None: return
        if not hasattr(self, 'peak'): self.peak, self.jump = [], []
        foot = ball_footprint(frame)
        for g in range(len(frame)):
            if foot[g].any():
                self.peak.append(float(frame[g, 0][foot[g]].max()))
                self.jump.append(float((frame[g].int() - prev[g].int()).abs().amax(0)[foot[g]].max()))
p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--base', nargs=2, default=['data/lam-breakout', 'data/a2l-breakout'])
p.add_argument('--hold', type=int); p.add_argument('--steps', type=int, default=600); a = p.parse_args()
torch.set_num_threads(2); torch.manual_seed(0)
if a.run == 'real': wm = RealGame(HELDOUT_SEED + 2000, 4)
else:
    wm = LatentWorldModel.from_pretrained(*a.base, a.run)
    if a.hold is not None: wm.refiner.hold = a.hold
loop = Step(8, HELDOUT_SEED + 2000); drive(wm, [loop], a.steps)
pk, jp = torch.tensor(getattr(loop, 'peak', [])), torch.tensor(getattr(loop, 'jump', []))
if not len(pk): raise SystemExit(f'{a.run}: no ball seen in {a.steps} steps of 8 games')
q = lambda v: [round(float(x), 1) for x in torch.quantile(v, torch.tensor([0.1, 0.5, 0.9]))]
print(a.run, f'frames with a ball {len(pk)}; peak red p10/50/90 {q(pk)}; largest change in the footprint p10/50/90 {q(jp)}; share of those under 16: {float((jp < 16).float().mean()):.3f}')
