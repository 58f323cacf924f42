# The moved paddle (the bench's `alive_moved`: a `SweepPlayer` holding LEFT / RIGHT into the walls) on the shipped LAM pair under
# play-time rules `least:near` (near '-' for none), 8 games: the share with a paddle at the end and the step each lost it (run 87):
#   python docs/experiments/hold/sweeprule.py [--steps 3000] [--rules 0:- 6:2 6:-] [--refiner FOLDER]
import argparse, os, sys, torch
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
if os.environ.get('LEAST'): import gatepatch   # LEAST=6 NEAR=2 MODE=...: a patched rule instead (--rules 0:-)
from gamemodels.world import ClosedLoop, SweepPlayer, drive, detect_paddle, DetailRefiner
from gamemodels.a2l import shipped_world_model
ap = argparse.ArgumentParser(); ap.add_argument('--steps', type=int, default=3000); ap.add_argument('--rules', nargs='+', default=['0:-', '6:2', '6:-'])
ap.add_argument('--refiner'); ap.add_argument('-n', type=int, default=8); a = ap.parse_args()
torch.set_num_threads(2)
class Lost(ClosedLoop):
    def see(self, frame, t):
        super().see(frame, t)
        if not hasattr(self, 'missed'): self.missed = {}
        for g in torch.nonzero(torch.isnan(detect_paddle(frame)))[:, 0].tolist(): self.missed.setdefault(g, t)
for rule in a.rules:
    least, near = rule.split(':'); torch.manual_seed(0)
    wm = shipped_world_model()
    if a.refiner: wm.refiner = DetailRefiner.from_pretrained(a.refiner)
    wm.refiner.least, wm.refiner.near = int(least), None if near == '-' else int(near)
    cl = Lost(a.n, player=SweepPlayer()); r = drive(wm, [cl], a.steps)[0]
    print(f'least {least} near {near}: alive {r["alive"]}, paddle first missed at', dict(sorted(getattr(cl, 'missed', {}).items())), flush=True)
