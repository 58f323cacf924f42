# One step from the real context, around the left wall's turn: is the ball lost at the turn because a refiner cannot
# draw the bounce from a true context, or only because its own ball has dimmed by then? Contexts as wallstep.py's, each
# step around the real turn predicted from the real frames before it (teacher forced); the share found and the px error.
#   python docs/experiments/hold/wallone.py RUN...   (RUN 'none' for the LAM alone)
import sys, torch
sys.path.insert(0, 'docs/experiments/hold')
from libeval import lam_data
from gamemodels.world import *
from gamemodels.a2l import LatentWorldModel
torch.set_num_threads(2); torch.manual_seed(0)
st = lam_data(); f, a = st.frames, st.actions; C, K = 4, 6
x, y = detect_ball(f); seen = ~torch.isnan(x); starts = set(torch.as_tensor(st.starts).tolist())
ids = torch.tensor([i for i in range(C, len(f) - K - 1) if x[i] < 10 and x[i] < x[i - 1] and all(seen[i - C + 1:i + K + 1]) and not any(j in starts for j in range(i - C + 1, i + K + 2))][:200])
turn = torch.tensor([next((k for k in range(1, K + 1) if x[i + k] > x[i + k - 1]), 0) for i in ids.tolist()])
keep = turn > 0; ids, turn = ids[keep], turn[keep]
# open flight, for comparison: ball seen in the context and the next frame, far from every wall
flight = torch.tensor([i for i in range(C, len(f) - 2) if 16 < x[i] < 48 and all(seen[i - C + 1:i + 2]) and not any(j in starts for j in range(i - C + 1, i + 2))][::7][:200])
def one_step(wm, targets):
    "Each target frame predicted from the C real frames before it: found share and mean px error where found."
    ctx = torch.stack([f[j - C:j] for j in targets]); acts = torch.stack([a[j - C:j] for j in targets])
    wm.reset(ctx, acts[:, :-1]); o = wm.step(acts[:, -1]); px, py = detect_ball(o)
    ok = ~torch.isnan(px); err = ((px - x[targets]) ** 2 + (py - y[targets]) ** 2).sqrt()
    return round(ok.float().mean().item(), 2), round(err[ok].mean().item(), 2) if ok.any() else None
for run in [r for r in sys.argv[1:] if not r.startswith("--") and not r.endswith(".png")] if "--png" not in sys.argv else []:
    wm = LatentWorldModel.from_pretrained('runs/hold/lamunroll2/model', 'runs/hold/lamunroll2/a2l/model')
    if run != 'none': wm.refiner = DetailRefiner.from_pretrained(run + '/model')
    res = {d: one_step(wm, ids + turn + d) for d in range(-2, 3)}
    print(run, 'open flight', one_step(wm, flight + 1), '| around the turn (d: found, px err):', res, flush=True)
# --png RUN PNG: eight turns one step from the real context: the real frames j-2, j-1, j (the turn), the base model's guess
# for j, the refiner's; rows ball y +- 8, columns 0-15, x6.
if '--png' in sys.argv:
    import numpy as np; from PIL import Image
    run, png = sys.argv[sys.argv.index('--png') + 1:][:2]
    targets = (ids + turn)[::max(1, len(ids) // 8)][:8]
    ctx = torch.stack([f[j - C:j] for j in targets]); acts = torch.stack([a[j - C:j] for j in targets])
    base = LatentWorldModel.from_pretrained('runs/hold/lamunroll2/model', 'runs/hold/lamunroll2/a2l/model')
    base.reset(ctx, acts[:, :-1]); g = base.step(acts[:, -1])
    base.refiner = DetailRefiner.from_pretrained(run + '/model'); base.reset(ctx, acts[:, :-1]); o = base.step(acts[:, -1])
    rows = []
    for b, j in enumerate(targets.tolist()):
        r0 = int(min(max(y[j] - 8, 0), 64 - 17))
        seq = [f[j - 2], f[j - 1], f[j], g[b], o[b]]
        rows.append(np.concatenate([np.pad(t[:, r0:r0 + 17, 0:16].permute(1, 2, 0).numpy(), ((0, 1), (0, 2), (0, 0)), constant_values=255) for t in seq], 1))
    im = np.concatenate(rows, 0); Image.fromarray(im).resize((im.shape[1] * 6, im.shape[0] * 6), Image.NEAREST).save(png)
