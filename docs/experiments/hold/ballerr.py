# The bench's `ball_err_4` split (run 88): of the 512 held-out clips whose real frame four steps on shows a ball, the share
# where the model draws none (counted as 8 px by the bench), the share drawn more than 2 px off, and the error where drawn:
#   python docs/experiments/hold/ballerr.py NAME=LAM,A2L,REFINER ...   (REFINER 'none': the base alone; folders holding the
#   checkpoint or its `model/`; NAME=shipped: the shipped pair; a NAME ending in -noevent: the event bit never drawn)
import sys, torch
from pathlib import Path
from gamemodels.a2l import LatentWorldModel, shipped_world_model, record_heldout
from gamemodels.world import clips, rollout, detect_ball
torch.set_num_threads(2); ho = record_heldout(4, 800)
m = lambda p: str(Path(p) / 'model') if (Path(p) / 'model' / 'config.json').exists() else p
for spec in sys.argv[1:]:
    name, _, paths = spec.partition('=')
    if paths == 'shipped': wm = shipped_world_model()
    else:
        lam, a2l, ref = paths.split(','); wm = LatentWorldModel.from_pretrained(m(lam), m(a2l), None if ref == 'none' else m(ref))
    if name.endswith('-noevent'):   # the refiner's event bit never drawn (its odds at minus infinity): no serve
        wm.refiner.odds.forward = lambda ctx, actions=None, t=None: torch.full((len(ctx),), -float('inf'))
    torch.manual_seed(0); C = wm.context
    w = clips(ho, C, 16, n=512, seed=0); f, a = ho.store.frames[w], ho.store.actions[w[:, :-1]]
    pred = rollout(wm, f, a)
    rbx, rby = detect_ball(f[:, C + 3]); seen = ~torch.isnan(rbx)
    bx, by = detect_ball(pred[:, 3]); e = torch.hypot(bx - rbx, by - rby)[seen]; miss = torch.isnan(e)
    capped = torch.where(miss, torch.full_like(e, 8.0), e.clamp(max=8.0))
    print(f'{name}: ball_err_4 {float(capped.mean()):.2f} over {int(seen.sum())} clips; none drawn {float(miss.float().mean()):.3f}, '
          f'> 2 px off {float((e[~miss] > 2).float().mean()):.3f}, mean where drawn {float(e[~miss].clamp(max=8).mean()):.2f} px', flush=True)
