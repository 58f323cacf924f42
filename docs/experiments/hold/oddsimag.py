# Run 91: the odds on the frames of play. Closed-loop play of RUN on the unrolled LAM (`closed_loop`'s pixel player, 8 games,
# STEPS steps), keeping each step's context where no ball is in the last frame and FIRE is down; then the odds of each run
# of ODDS on those contexts: as played, with the motion taken out (the last frame three times: no differences), and the
# real game's own such contexts (the same player on the real game) for comparison.
#   python docs/experiments/hold/oddsimag.py RUN [--steps 300] [--odds RUN ...]
import argparse, torch
from pathlib import Path
from gamemodels.world import *
from gamemodels.world import count_balls
from gamemodels.data import HELDOUT_SEED
from gamemodels.a2l import LatentWorldModel
p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--steps', type=int, default=300); p.add_argument('--odds', nargs='*', default=[])
p.add_argument('--base', nargs=2, default=['runs/hold/lamunroll2', 'runs/hold/lamunroll2/a2l']); a = p.parse_args()
torch.set_num_threads(2); torch.manual_seed(0)
load = lambda r: DetailRefiner.from_pretrained(Path(r) / 'model' if (Path(r) / 'model').exists() else r)
def collect(wm):
    kept = []; odds = getattr(getattr(wm, 'refiner', None), 'odds', None)
    class Keep(ClosedLoop):
        def see(self, frame, t):
            super().see(frame, t); self.hist = (getattr(self, 'hist', []) + [frame.clone()])[-3:]
            self.acts = (getattr(self, 'acts', []) + [self.last_act.clone()])[-2:] if hasattr(self, 'last_act') else []
            if len(self.hist) == 3 and len(self.acts) == 2:
                ctx = torch.stack(self.hist, 1); acts = torch.stack(self.acts, 1); m = (count_balls(ctx[:, -1]) == 0) & (acts[:, -1] == 1)
                if m.any(): kept.append((ctx[m], acts[m], torch.full((int(m.sum()),), t)))
        def act(self):
            self.last_act = super().act(); return self.last_act
    drive(wm, [Keep(8)], a.steps)
    return [torch.cat(x) for x in zip(*kept)]
wm = LatentWorldModel.from_pretrained(*(f'{b}/model' if Path(f'{b}/model').exists() else b for b in a.base)); wm.refiner = load(a.run)
imag = collect(wm); real = collect(RealGame(HELDOUT_SEED + 2000, 4))
print(f'contexts with no ball and FIRE down: imagined {len(imag[0])}, real {len(real[0])}')
for r in [a.run] + a.odds:
    odds = load(r).odds.eval()
    with torch.inference_mode():
        p_ = lambda c, ac, t: torch.sigmoid(odds(c, ac, t)).mean().item()
        still = lambda c: c[:, -1:].expand(-1, 3, -1, -1, -1)
        print(f'{r}: imagined {p_(*imag):.3f}, imagined still {p_(still(imag[0]), *imag[1:]):.3f}; real {p_(*real):.3f}, real still {p_(still(real[0]), *real[1:]):.3f}')
