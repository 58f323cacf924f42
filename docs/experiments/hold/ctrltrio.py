# Which of `paddle_control`'s 128 held keys (64 held-out contexts, RIGHT or LEFT held 8 steps) a LAM + a2l (+ refiner) misses,
# and where its paddle went, step by step:   python docs/experiments/hold/ctrltrio.py LAM A2L [REFINER|none] [--least L] [--hold H]
import sys, torch
from gamemodels.world import control_contexts, detect_paddle, DetailRefiner
from gamemodels.a2l import LatentWorldModel, record_heldout
torch.set_num_threads(int(__import__('os').environ.get('THREADS', 2))); ho = record_heldout(4, 800)
ref = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] != 'none' else None
wm = LatentWorldModel.from_pretrained(sys.argv[1], sys.argv[2], ref)
if '--least' in sys.argv: wm.refiner.least = int(sys.argv[sys.argv.index('--least') + 1])
if '--hold' in sys.argv: wm.refiner.hold = int(sys.argv[sys.argv.index('--hold') + 1])
f, acts = control_contexts(ho, wm.context); x0 = detect_paddle(f[:, -1]); miss = 0
for act, sign, name in ((2, 1, 'RIGHT'), (3, -1, 'LEFT')):
    wm.reset(f, acts); xs, codes = [], []
    for _ in range(8): xs.append(detect_paddle(wm.step(torch.full((len(f),), act)))); codes.append(wm.code)
    xs, codes = torch.stack(xs, 1), torch.stack(codes, 1)
    for i in torch.nonzero(~((xs[:, -1] - x0) * sign >= 1))[:, 0].tolist():
        miss += 1; print(name, i, 'x0', round(float(x0[i]), 1), 'x', [round(float(v), 1) for v in xs[i]], 'codes', codes[i].tolist())
print('paddle_control', 1 - miss / (2 * len(f)))
