# Run 90: what the serve's odds key on. Each run's fitted `AppearOdds` on the latent-action recording's clips with no ball
# in the last two frames (`AppearClips`' candidates), split by the last two keys, beside the truth (the ball appears):
#   python docs/experiments/hold/oddsplay.py RUN ...   (folders holding the refiner's `model/`)
import sys, torch
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from gamemodels.world import AppearClips, DetailRefiner
from libeval import lam_data
torch.set_num_threads(1); torch.manual_seed(0)
ds = AppearClips(lam_data(), 4); N = len(ds.clips)
rows = ds.cand[torch.randperm(len(ds.cand), generator=torch.Generator().manual_seed(1))[:4096]] 
ctx, acts, t, y = ds.__getitems__(rows)
FIRE = 1; k1, k2 = acts[:, -2] == FIRE, acts[:, -1] == FIRE
groups = {'FIRE, FIRE': k1 & k2, 'other, FIRE': ~k1 & k2, 'FIRE, other': k1 & ~k2, 'other, other': ~k1 & ~k2}
print('clips', len(rows), '| ' + ' | '.join(f'{g}: n {int(m.sum())}, truth {y[m].mean():.3f}' for g, m in groups.items()))
for run in sys.argv[1:]:
    odds = DetailRefiner.from_pretrained(f'{run}/model').odds.eval()
    with torch.no_grad(): q = torch.cat([torch.sigmoid(odds(ctx[i:i + 256], acts[i:i + 256], t[i:i + 256])) for i in range(0, len(rows), 256)])
    print(run, '| ' + ' | '.join(f'{g}: {q[m].mean():.3f}' for g, m in groups.items()), f'| where it appears {q[y > 0].mean():.3f}, not {q[y == 0].mean():.3f}', flush=True)
