# The ball at the paddle in the recording (data-lam-cpu): each time it is last seen low (row >= 50) and then unseen, for how many
# steps, and whether it comes back low (a bounce) or not (lost); the event odds of RUNs on the contexts just before a bounce's
# reappearance (hidden 2+ steps) and before a serve; --png F: four bounces hidden 3 steps, rows 40-63, x4.
#   python docs/experiments/hold/paddlepass.py [RUN...] [--png F]
import sys, torch, numpy as np
from PIL import Image
sys.path.insert(0, 'docs/experiments/hold')
from libeval import lam_data
from gamemodels.world import *
from collections import Counter
torch.set_num_threads(2)
st = lam_data(); f, a = st.frames, st.actions; C = 4
x, y = detect_ball(f); seen = ~torch.isnan(x); starts = torch.as_tensor(st.starts).tolist(); sset = set(starts)
gaps, ev, serves = Counter(), [], []
i = 0; N = len(f)
while i < N - 1:
    if seen[i] and y[i] >= 50 and not seen[i + 1]:
        j = i + 1
        while j < N and not seen[j] and j - i < 12 and j not in sset: j += 1
        if j < N and seen[j] and j not in sset and not any(k in sset for k in range(i, j + 1)):
            up = y[j] >= 45; gaps[(j - i - 1, bool(up))] += 1
            if up and j - i - 1 >= 2 and j - C >= 0: ev.append(j - 1)
        i = j
    else: i += 1
print('ball gone by the paddle, steps unseen -> (gap, came back low):', sorted(gaps.items()))
for i in range(C, N - 1):
    if seen[i + 1] and not seen[i] and not seen[i - 1] and 35 <= y[i + 1] <= 42 and not any(k in sset for k in range(i - C + 1, i + 2)): serves.append(i)
print(len(ev), 'bounce reappearances (gap >= 2)', len(serves), 'serves')
for run in [r for r in sys.argv[1:] if not r.endswith(".png") and r != "--png"]:
    ref = DetailRefiner.from_pretrained(run + '/model')
    for name, ids in (('bounce', ev), ('serve', serves[:200])):
        ids = [i for i in ids if i - C + 1 >= 0][:200]
        ctx = torch.stack([f[i - C + 1:i + 1] for i in ids]); acts = torch.stack([a[i - C + 1:i + 1] for i in ids])
        t = step_in_game(st, torch.tensor(ids) + 1)
        with torch.no_grad(): o = torch.sigmoid(ref.odds(ctx, acts, t))
        print(run, name, len(ids), 'odds mean', round(float(o.mean()), 3))

if '--png' in sys.argv:
    rows = []
    for i in range(len(f) - 10):
        if seen[i] and y[i] >= 50 and not seen[i+1] and not seen[i+2] and not seen[i+3] and seen[i+4] and y[i+4] >= 45:
            strip = [f[k, :, 40:64].permute(1, 2, 0).numpy() for k in range(i - 1, i + 6)]
            print(i, [(round(float(x[k]), 1), round(float(y[k]), 1)) for k in range(i - 1, i + 6)])
            rows.append(np.concatenate([np.pad(s, ((0, 0), (0, 2), (0, 0)), constant_values=255) for s in strip], 1))
            if len(rows) == 4: break
    im = np.concatenate([np.pad(r, ((0, 2), (0, 0), (0, 0)), constant_values=255) for r in rows], 0)
    Image.fromarray(im).resize((im.shape[1] * 4, im.shape[0] * 4), Image.NEAREST).save(sys.argv[sys.argv.index('--png') + 1])
