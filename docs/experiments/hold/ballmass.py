# How bright the ball stays when a refiner carries it from a real context: 48 contexts of the training recording (data-lam-cpu) with a ball in flight in every
# frame, 8 steps with the game's actions; per step the ball area's red mass and peak (`redness`) and the share of balls found,
# beside the real frames'. A refiner drawing a mean dims the ball step by step.   python docs/experiments/hold/ballmass.py RUN...
import sys, torch
sys.path.insert(0, 'docs/experiments/hold')
from libeval import lam_data
from gamemodels.world import *
from gamemodels.a2l import LatentWorldModel
torch.set_num_threads(2); torch.manual_seed(0)
st = lam_data(); f, a = st.frames, st.actions; C, K = 4, 8
x, y = detect_ball(f); seen = ~torch.isnan(x)
starts = set(torch.as_tensor(st.starts).tolist())
ids = [i for i in range(C, len(f) - K - 1, 7) if all(seen[i - C + 1:i + K + 1]) and not any(j in starts for j in range(i - C + 1, i + K + 2))][:48]
r = redness(f)[..., BALL_ROWS[0]:BALL_ROWS[1], BALL_COLS[0]:BALL_COLS[1]]
print(len(ids), 'real mass by step', [round(float(r[[i + k for i in ids]].sum((-1, -2)).mean()), 2) for k in range(1, K + 1)], 'max', round(float(r[ids].amax((-1, -2)).mean()), 2))
for run in sys.argv[1:]:
    wm = LatentWorldModel.from_pretrained('runs/hold/lamunroll2/model', 'runs/hold/lamunroll2/a2l/model')
    wm.refiner = DetailRefiner.from_pretrained(run + '/model')
    ctx = torch.stack([f[i - C + 1:i + 1] for i in ids]); acts = torch.stack([a[i - C + 1:i + 1] for i in ids])
    wm.reset(ctx, acts[:, :-1]); ms, mx, fd = [], [], []
    for k in range(K):
        o = wm.step(acts[:, -1] if k == 0 else torch.stack([a[i + k] for i in ids]))
        ro = redness(o)[..., BALL_ROWS[0]:BALL_ROWS[1], BALL_COLS[0]:BALL_COLS[1]]
        ms.append(round(float(ro.sum((-1, -2)).mean()), 2)); mx.append(round(float(ro.amax((-1, -2)).mean()), 2)); fd.append(round(float((~torch.isnan(detect_ball(o)[0])).float().mean()), 2))
    print(run, 'mass', ms, 'max', mx, 'found', fd, flush=True)
