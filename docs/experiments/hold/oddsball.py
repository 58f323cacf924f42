# Run 91: the serve's odds with a ball in play. Each run's `AppearOdds` on the recording's clips where the ball is seen in
# the last two context frames (no serve can happen: the truth is 0), with the keys as recorded and with FIRE held (as a
# player holds it), then the same clips with the ball dimmed in the last context frame (blended toward the frame before's
# pixels there by 0.5, as a rollout dims what the model is unsure of), and the ball wiped from the last two frames (as no ball).
#   python docs/experiments/hold/oddsball.py RUN ...   (folders holding the refiner's `model/`)
import sys, torch
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from gamemodels.world import AppearClips, DetailRefiner, ball_footprint
from libeval import lam_data
torch.set_num_threads(1); torch.manual_seed(0)
ds = AppearClips(lam_data(), 4); N = len(ds.clips)
cand = set(ds.cand.tolist())
inplay = torch.tensor([i for i in range(N) if i not in cand])
rows = inplay[torch.randperm(len(inplay), generator=torch.Generator().manual_seed(1))[:2048]]
ctx, acts, t, y = ds.__getitems__(rows)
fp1, fp2 = ball_footprint(ctx[:, -1], 2), ball_footprint(ctx[:, -2], 2)
keep = fp1.flatten(1).any(1); ctx, acts, t, y, fp1, fp2 = ctx[keep], acts[keep], t[keep], y[keep], fp1[keep], fp2[keep]
dim = ctx.clone(); last = dim[:, -1].float(); bg = torch.zeros_like(last)
dim[:, -1] = torch.where(fp1[:, None], 0.5 * last + 0.5 * bg, last).round().to(torch.uint8)
wipe = ctx.clone(); wipe[:, -1] = torch.where(fp1[:, None], 0, ctx[:, -1]); wipe[:, -2] = torch.where(fp2[:, None], 0, ctx[:, -2])
fire = acts.clone(); fire[:, -2:] = 1
print(f'clips with a ball in play: {len(ctx)} (truth {y.mean():.3f})')
for run in sys.argv[1:]:
    odds = DetailRefiner.from_pretrained(Path(run) / 'model' if (Path(run) / 'model').exists() else run).odds.eval()
    with torch.inference_mode():
        p = lambda c, a: torch.sigmoid(odds(c, a, t)).mean().item()
        print(f'{run}: keys as recorded {p(ctx, acts):.3f}, FIRE held {p(ctx, fire):.3f}; ball dimmed 0.5, FIRE held {p(dim, fire):.3f}; '
              f'ball wiped, FIRE held {p(wipe, fire):.3f}')
