# The ball at the left wall, real (above) and carried by a refiner from the same real context (below): five contexts with the ball
# within 10 px of the wall moving left, 6 steps on with the game's actions; rows 24-59, columns 0-23, x4, into PNG.
#   python docs/experiments/hold/wallview.py RUN PNG
import sys, torch, numpy as np
sys.path.insert(0, 'docs/experiments/hold')
from libeval import lam_data
from gamemodels.world import *
from gamemodels.a2l import LatentWorldModel
from PIL import Image
torch.set_num_threads(2); torch.manual_seed(0)
st = lam_data(); f, a = st.frames, st.actions; C, K = 4, 6
x, y = detect_ball(f); seen = ~torch.isnan(x); starts = set(torch.as_tensor(st.starts).tolist())
ids = [i for i in range(C, len(f) - K - 1) if x[i] < 10 and x[i] < x[i - 1] and all(seen[i - C + 1:i + K + 1]) and not any(j in starts for j in range(i - C + 1, i + K + 2))][:200:40]
ids = torch.tensor(ids)
wm = LatentWorldModel.from_pretrained('runs/hold/lamunroll2/model', 'runs/hold/lamunroll2/a2l/model')
wm.refiner = DetailRefiner.from_pretrained(sys.argv[1] + '/model')
ctx = torch.stack([f[i - C + 1:i + 1] for i in ids]); acts = torch.stack([a[i - C + 1:i + 1] for i in ids])
wm.reset(ctx, acts[:, :-1]); outs = []
for k in range(K): outs.append(wm.step(acts[:, -1] if k == 0 else a[ids + k]))
rows = []
for b, i in enumerate(ids.tolist()):
    real = [f[i + k, :, 24:60, 0:24] for k in range(0, K + 1)]
    mod = [f[i, :, 24:60, 0:24]] + [o[b, :, 24:60, 0:24] for o in outs]
    for seq in (real, mod):
        rows.append(np.concatenate([np.pad(t.permute(1, 2, 0).numpy(), ((0, 0), (0, 2), (0, 0)), constant_values=255) for t in seq], 1))
    rows.append(np.full((3, rows[-1].shape[1], 3), 255, np.uint8))
im = np.concatenate([np.pad(r, ((0, 1), (0, 0), (0, 0)), constant_values=128) for r in rows], 0)
Image.fromarray(im).resize((im.shape[1] * 4, im.shape[0] * 4), Image.NEAREST).save(sys.argv[2])
