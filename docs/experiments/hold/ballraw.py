# Where the refiner's one-step ball loses its red: ballmass.py's 48 contexts (ball in flight), one step from the real frames;
# the ball area's red mass of the real next frame (as is, and snapped to the refiner's palette) against the refiner's output
# before the snap, after it, and the base model's guess it starts from; and the raw output's mass inside the real ball's
# footprint (its pixels over 0.05 red) and outside it.   python docs/experiments/hold/ballraw.py RUN... [--png PNG]
import sys, torch
sys.path.insert(0, 'docs/experiments/hold')
from libeval import lam_data
from gamemodels.world import *
from gamemodels.a2l import LatentWorldModel
torch.set_num_threads(2); torch.manual_seed(0)
st = lam_data(); f, a = st.frames, st.actions; C = 4
x, y = detect_ball(f); seen = ~torch.isnan(x)
starts = set(torch.as_tensor(st.starts).tolist())
ids = [i for i in range(C, len(f) - 9, 7) if all(seen[i - C + 1:i + 9]) and not any(j in starts for j in range(i - C + 1, i + 10))][:48]
area = lambda t: redness(t)[..., BALL_ROWS[0]:BALL_ROWS[1], BALL_COLS[0]:BALL_COLS[1]]
mass = lambda t: round(float(area(t).sum((-1, -2)).mean()), 3)
real = f[[i + 1 for i in ids]]
for run in [r for r in sys.argv[1:] if not r.startswith("--") and not r.endswith(".png")]:
    wm = LatentWorldModel.from_pretrained('runs/hold/lamunroll2/model', 'runs/hold/lamunroll2/a2l/model')
    ref = DetailRefiner.from_pretrained(run + '/model'); wm.refiner = ref; got = {}
    plain = ref.forward
    def spy(guess, ctx, *args, **kw):   # what `refine` computes before its snap, with the bit it drew
        out = plain(guess, ctx, *args, **kw)
        got.update(guess=guess.clone(), z=kw.get('z'), raw=(out.clamp(0, 1) * 255).round().to(torch.uint8))
        return out
    ref.forward = spy
    ctx = torch.stack([f[i - C + 1:i + 1] for i in ids]); acts = torch.stack([a[i - C + 1:i + 1] for i in ids])
    wm.reset(ctx, acts[:, :-1]); o = wm.step(acts[:, -1])
    foot = area(real) > 0.05; raw = area(got['raw'])
    print(run, 'real', mass(real), 'real snapped', mass(nearest_colour(real.float(), ref.palette)) if ref.palette else '-',
          '| guess', mass(got['guess']), 'raw', mass(got['raw']), 'snapped', mass(o), '| raw in footprint',
          round(float((raw * foot).sum((-1, -2)).mean()), 3), 'outside', round(float((raw * ~foot).sum((-1, -2)).mean()), 3),
          'real in footprint', round(float((area(real) * foot).sum((-1, -2)).mean()), 3), '| bit drawn', int(got['z'].sum()) if got['z'] is not None else '-', flush=True)
    ratio = (raw * foot).sum((-1, -2)) / (area(real) * foot).sum((-1, -2)).clamp(min=1e-6)
    q = torch.quantile(ratio, torch.tensor([0.1, 0.25, 0.5, 0.75, 0.9]))
    print('  per clip, drawn over real in the footprint: quantiles 0.1-0.9', [round(float(v), 2) for v in q],
          '| worst 6 at ball (x, y)', [(round(float(x[i + 1]), 1), round(float(y[i + 1]), 1), round(float(r), 2)) for r, i in sorted(zip(ratio.tolist(), ids))[:6]])
    if '--png' in sys.argv:   # the 8 dimmest: last real context frame, real next frame, the refiner's (before the snap); ball +- 8 px, x6
        import numpy as np; from PIL import Image
        rows = []
        for r, b in sorted(zip(ratio.tolist(), range(len(ids))))[:8]:
            i = ids[b]; r0, c0 = (int(min(max(v - 8, 0), 64 - 17)) for v in (y[i + 1], x[i + 1]))
            seq = [f[i], f[i + 1], got['raw'][b]]
            rows.append(np.concatenate([np.pad(t[:, r0:r0 + 17, c0:c0 + 17].permute(1, 2, 0).numpy(), ((0, 1), (0, 2), (0, 0)), constant_values=255) for t in seq], 1))
        im = np.concatenate(rows, 0); png = sys.argv[sys.argv.index('--png') + 1]
        Image.fromarray(im).resize((im.shape[1] * 6, im.shape[0] * 6), Image.NEAREST).save(png); break
