import sys, torch
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from palmod import PaletteRefiner, to_classes
from gamemodels.core import world_model
from gamemodels.world import *
torch.set_num_threads(2)
ho = record_heldout(2, 800)
sd = torch.load('runs/hold/palref64/ref.pt', weights_only=True)
ref = PaletteRefiner(sd['palette'], width=32); ref.load_state_dict(sd); ref.eval()
wm = world_model('diffusion', refine=False)
w = clips(ho, 4, 1, n=128, seed=0); f, a = ho.store.frames[w], ho.store.actions[w[:, :-1]]
guess = rollout(wm, f, a)[:, 0]; target = f[:, 4]
bx, by = detect_ball(target); ok = ~torch.isnan(bx)
with torch.no_grad(): p = ref(guess, f[:, :4]).softmax(1)
bg = to_classes(torch.zeros(1, 3, 1, 1, dtype=torch.uint8), ref.palette)[0, 0, 0]
tc = to_classes(target, ref.palette)
i = torch.arange(len(w))[ok]; y, x = by[ok].round().long().clamp(0, 63), bx[ok].round().long().clamp(0, 63)
pb = p[i, bg, y, x]; pt = p[i, tc[i, y, x], y, x]; top = p[i, :, y, x].max(1).values
print('clips with a ball', len(i), '| at the ball: p(black) %.3f, p(true shade) %.3f, p(not black) %.3f, top class p %.3f' % (pb.mean(), pt.mean(), (1 - pb).mean(), top.mean()))
print('true shade is black at the ball centre:', (tc[i, y, x] == bg).float().mean().item())
