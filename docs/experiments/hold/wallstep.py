# When the ball is lost at the left wall: balldir.py --wall's contexts, each aligned on the step its real ball turns (x motion
# from left to right); the share of the refiner's balls found by step, and by steps from the real turn.
#   python docs/experiments/hold/wallstep.py RUN...
import sys, torch
sys.path.insert(0, 'docs/experiments/hold')
from libeval import lam_data
from gamemodels.world import *
from gamemodels.a2l import LatentWorldModel
torch.set_num_threads(2); torch.manual_seed(0)
st = lam_data(); f, a = st.frames, st.actions; C, K = 4, 6
x, y = detect_ball(f); seen = ~torch.isnan(x); starts = set(torch.as_tensor(st.starts).tolist())
ids = torch.tensor([i for i in range(C, len(f) - K - 1) if x[i] < 10 and x[i] < x[i - 1] and all(seen[i - C + 1:i + K + 1]) and not any(j in starts for j in range(i - C + 1, i + K + 2))][:200])
# align on the real turn: the step (1..K) where the real ball's x motion turns from left to right
turn = torch.tensor([next((k for k in range(1, K + 1) if x[i + k] > x[i + k - 1]), 0) for i in ids.tolist()])
print('real turn step histogram 0..6:', torch.bincount(turn, minlength=K + 1).tolist())
for run in sys.argv[1:]:
    wm = LatentWorldModel.from_pretrained('runs/hold/lamunroll2/model', 'runs/hold/lamunroll2/a2l/model')
    wm.refiner = DetailRefiner.from_pretrained(run + '/model')
    ctx = torch.stack([f[i - C + 1:i + 1] for i in ids]); acts = torch.stack([a[i - C + 1:i + 1] for i in ids])
    wm.reset(ctx, acts[:, :-1]); found = []
    for k in range(K):
        o = wm.step(acts[:, -1] if k == 0 else a[ids + k]); found.append(~torch.isnan(detect_ball(o)[0]))
    found = torch.stack(found, 1).float()   # [N, K]: step k+1
    rel = {}
    for d in range(-2, 4):   # found at the turn step + d
        vals = [found[n, t + d - 1] for n, t in enumerate(turn.tolist()) if t and 1 <= t + d <= K]
        rel[d] = round(float(torch.stack(vals).mean()), 2) if vals else None
    print(run, 'found by step', [round(float(v), 2) for v in found.mean(0)], 'by steps from the real turn (-2..3)', rel)
