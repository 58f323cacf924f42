# One step from the real context, where the game clears a brick: does the refined guess clear it? If not, no loop can break
# bricks (every serving refiner's `bricks_ratio` is 0.02-0.07). Targets: frames whose wall lost half a brick or more against
# the frame before (same game); the guess from the C real frames before it. Cleared: the guess' wall under the last context
# frame's by half a brick; kept elsewhere: the same at frames where the game cleared none (a false clear).
#   python docs/experiments/hold/bricksone.py RUN...   (RUN 'none' for the LAM alone)
import sys, torch
sys.path.insert(0, 'docs/experiments/hold')
from libeval import lam_data
from gamemodels.world import *
from gamemodels.a2l import LatentWorldModel
torch.set_num_threads(2); torch.manual_seed(0)
st = lam_data(); f, a = st.frames, st.actions; C = 4
n = torch.cat([bricks(f[i:i + 4096]) for i in range(0, len(f), 4096)])
starts = set(torch.as_tensor(st.starts).tolist())
ok = lambda j: not any(i in starts for i in range(j - C + 1, j + 1))
hits = torch.tensor([j for j in range(C, len(f)) if n[j] < n[j - 1] - 0.5 and ok(j)])
calm = torch.tensor([j for j in range(C, len(f), 13) if abs(n[j] - n[j - 1]) < 0.1 and ok(j)][:len(hits)])
def drop(wm, targets):
    ctx = torch.stack([f[j - C:j] for j in targets]); acts = torch.stack([a[j - C:j] for j in targets])
    wm.reset(ctx, acts[:, :-1]); o = wm.step(acts[:, -1]); return n[targets - 1] - bricks(o)
print(f'{len(hits)} clears, real drop {(n[hits - 1] - n[hits]).mean():.2f} bricks', flush=True)
for run in sys.argv[1:]:
    wm = LatentWorldModel.from_pretrained('runs/hold/lamunroll2/model', 'runs/hold/lamunroll2/a2l/model')
    if run != 'none': wm.refiner = DetailRefiner.from_pretrained(run + '/model')
    d, d0 = drop(wm, hits), drop(wm, calm)
    print(f'{run}: cleared where the game clears {(d > 0.5).float().mean():.2f} (mean drop {d.mean():.2f}); '
          f'where it does not {(d0 > 0.5).float().mean():.3f} (mean {d0.mean():.3f})', flush=True)
