# Where the closed loop loses the paddle: `closed_loop`'s pixel player on GAMES games (default 8), and for each game the first
# step `detect_paddle` misses it, the paddle's column over the 11 steps before, the paddle rows' brightest level by column at that
# step and the one before, and the last 6 frames into /tmp/gone{game}.png. With LEAST (and NEAR, MODE) set: `gatepatch.py`'s rule.
#   [LEAST=4 NEAR=2 MODE=both] [GAMES=16] [SEED=0] [BASE=shipped] python docs/experiments/hold/paddlegone.py RUN|none STEPS
import sys, os, torch; from pathlib import Path; sys.path.insert(0, str(Path(__file__).parent))
if os.environ.get('LEAST'): import gatepatch
from gamemodels.world import *
from gamemodels.world import ClosedLoop, drive
from gamemodels.a2l import LatentWorldModel
from PIL import Image
torch.set_num_threads(2); torch.manual_seed(int(os.environ.get('SEED', 0)))
base = ('data/lam-breakout', 'data/a2l-breakout') if os.environ.get('BASE') == 'shipped' else ('runs/hold/lamunroll2/model', 'runs/hold/lamunroll2/a2l/model')
wm = LatentWorldModel.from_pretrained(*base)   # BASE=shipped: the shipped LAM + a2l (RUN data/lam-refiner-breakout: the shipped pair)
if sys.argv[1] != 'none': wm.refiner = DetailRefiner.from_pretrained(sys.argv[1] + '/model' if Path(sys.argv[1], 'model').exists() else sys.argv[1])
class A(ClosedLoop):
    def see(self, frame, t):
        super().see(frame, t)
        px = ~torch.isnan(detect_paddle(frame))
        if not hasattr(self, 'ring'): self.ring, self.shots, self.gone_at = [], {}, {}
        self.ring = (self.ring + [frame.clone()])[-12:]
        for g in torch.nonzero(~px)[:, 0].tolist():
            if g not in self.shots and t > 5:
                self.shots[g] = [f[g] for f in self.ring[-6:]]; print("  paddle rows at the end:", self.ring[-1][g, :, 56:60, :].amax(0).amax(0).tolist(), "before:", self.ring[-2][g, :, 56:60, :].amax(0).amax(0).tolist()); self.gone_at[g] = t
                pc = [float(detect_paddle(f[g:g+1])[0]) for f in self.ring]
                print('game', g, 'paddle gone at', t, 'paddle x before:', pc, flush=True)
cl = A(int(os.environ.get('GAMES', 8))); r = drive(wm, [cl], int(sys.argv[2]))[0]
print({k: v for k, v in r.items() if k not in ('strip',)})
for g, fr in list(cl.shots.items())[:3]:
    Image.fromarray(side_by_side(*[f[None] for f in fr], scale=3)[0]).save(f'/tmp/gone{g}.png')
