# A latent-action refiner's closed loop as the pixel player plays it (`closed_loop`, 2 games; game 0 shown): every 3rd step
# from START, 12 frames, into F. Run 69's picture: the left half of `lib21`'s above `self3`'s, START 200.
#   python docs/experiments/hold/closedview.py RUN F START [--base LAM A2L]   (default base: run 59's unrolled LAM)
import argparse, torch
from PIL import Image
from gamemodels.world import *
from gamemodels.a2l import LatentWorldModel
p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('png'); p.add_argument('start', type=int)
p.add_argument('--base', nargs=2, default=['runs/hold/lamunroll2', 'runs/hold/lamunroll2/a2l']); a = p.parse_args()
torch.set_num_threads(1)
wm = LatentWorldModel.from_pretrained(*(f'{b}/model' for b in a.base))
wm.refiner = DetailRefiner.from_pretrained(a.run + '/model')
at = tuple(range(a.start, a.start + 36, 3))
r = closed_loop(wm, max(at), 2, keep=at)
print({k: v for k, v in r.items() if not isinstance(v, (list, dict))})
Image.fromarray(side_by_side(*[r['strip'][t][None] for t in at], scale=3)[0]).save(a.png)
