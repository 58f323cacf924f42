# turnbit.py's refiner one step from the real frames around the left wall's turn (wallone.py's contexts): the turn bit
# drawn from its odds, told the truth (the ball's motion flips on the guessed frame), or held off.
#   python docs/experiments/hold/turnbiteval.py OUT...
import sys, torch
argv = sys.argv[1:]; sys.argv = sys.argv[:1]
sys.path.insert(0, 'docs/experiments/hold')
exec(open('docs/experiments/hold/wallone.py').read().split('for run in')[0])
from turnbit import load
from turnevent import flips
for run in argv:
    for how in ('drawn', 'truth', 'off'):
        wm = LatentWorldModel.from_pretrained('runs/hold/lamunroll2/model', 'runs/hold/lamunroll2/a2l/model'); wm.refiner = load(run)
        res = {}
        for name, tg in [('flight', flight + 1)] + [(d, ids + turn + d) for d in (-1, 0, 1)]:
            truth = flips(x, y, tg - 1)
            wm.refiner.force = None if how == 'drawn' else (lambda c, v=truth: v) if how == 'truth' else (lambda c: torch.zeros(len(c), dtype=torch.bool))
            res[name] = one_step(wm, tg) + (round(truth.float().mean().item(), 2),)
        print(run, how, '(found, px off, share turning):', res, flush=True)
