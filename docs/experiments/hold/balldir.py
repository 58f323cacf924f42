# Which way the carried ball goes: 200 contexts of the recording with a ball in flight (every frame), K steps on with the game's
# actions; share of balls found, moving left, on the same side as the real ball's motion, and how far off in x.
# --wall: contexts with the ball within 10 px of the left wall, moving left (6 steps: the wall's bounce inside them).
#   python docs/experiments/hold/balldir.py [--wall] RUN|none ...
import sys, torch
sys.path.insert(0, 'docs/experiments/hold')
from libeval import lam_data
from gamemodels.world import *
from gamemodels.a2l import LatentWorldModel
torch.set_num_threads(2); torch.manual_seed(0)
st = lam_data(); f, a = st.frames, st.actions
WALL = "--wall" in sys.argv; sys.argv = [v for v in sys.argv if v != "--wall"]
C, K = 4, (6 if WALL else 4)
x, y = detect_ball(f); seen = ~torch.isnan(x)
starts = set(torch.as_tensor(st.starts).tolist())
near = lambda i: (x[i] < 10 and x[i] < x[i - 1]) if WALL else i % 5 == 0
ids = [i for i in range(C, len(f) - K - 1) if near(i) and all(seen[i - C + 1:i + K + 1]) and not any(j in starts for j in range(i - C + 1, i + K + 2))][:200]
ids = torch.tensor(ids); rdx = x[ids + K] - x[ids]
print(len(ids), f'real: share moving left over {K} steps', round(float((rdx < 0).float().mean()), 2))
for run in sys.argv[1:]:
    wm = LatentWorldModel.from_pretrained('runs/hold/lamunroll2/model', 'runs/hold/lamunroll2/a2l/model')
    if run != 'none': wm.refiner = DetailRefiner.from_pretrained(run + '/model')
    ctx = torch.stack([f[i - C + 1:i + 1] for i in ids]); acts = torch.stack([a[i - C + 1:i + 1] for i in ids])
    wm.reset(ctx, acts[:, :-1])
    for k in range(K): o = wm.step(acts[:, -1] if k == 0 else a[ids + k])
    mx, _ = detect_ball(o); ok = ~torch.isnan(mx); mdx = mx - x[ids]
    agree = ((mdx > 0) == (rdx > 0))[ok & (rdx.abs() > 1)]
    print(run, 'found', round(float(ok.float().mean()), 2), 'moving left', round(float((mdx[ok] < 0).float().mean()), 2), 'same side as real', round(float(agree.float().mean()), 2), 'mean |dx - real|', round(float((mdx - rdx)[ok].abs().mean()), 2))
