# Where the balls a refiner carries end: closed-loop play (pixel player, 8 games, 120 steps); for games 0 and 1 the first ball
# that lived over 10 steps and was last seen low, rows 40-63 from 3 steps before its end to 5 after, x4, into PNG.
#   python docs/experiments/hold/lifeend.py RUN PNG
import sys, torch, numpy as np
sys.path.insert(0, 'docs/experiments/hold')
from balllife import Life, lives
from gamemodels.world import *
from gamemodels.a2l import LatentWorldModel
from PIL import Image
torch.set_num_threads(2); torch.manual_seed(0)
wm = LatentWorldModel.from_pretrained('runs/hold/lamunroll2/model', 'runs/hold/lamunroll2/a2l/model')
wm.refiner = DetailRefiner.from_pretrained(sys.argv[1] + '/model')
class Keep(Life):
    def see(self, frame, t):
        super().see(frame, t); self.frames = getattr(self, 'frames', []) + [frame[:2].clone()]
pr = Keep(8); drive(wm, [pr], 120)
rows = []
for g in range(2):
    for s, p in lives(pr.tracks[g]):
        if len(p) > 10 and p[-1][1] >= 50 and s + len(p) + 6 < 120:
            e = s + len(p)
            print('game', g, 'life', s, len(p), 'last', [tuple(round(v) for v in q) for q in p[-3:]])
            strip = [pr.frames[k][g][:, 40:64].permute(1, 2, 0).numpy() for k in range(e - 3, e + 6)]
            rows.append(np.concatenate([np.pad(x, ((0, 0), (0, 2), (0, 0)), constant_values=255) for x in strip], 1))
            break
im = np.concatenate([np.pad(r, ((0, 2), (0, 0), (0, 0)), constant_values=255) for r in rows], 0)
Image.fromarray(im).resize((im.shape[1] * 4, im.shape[0] * 4), Image.NEAREST).save(sys.argv[2])
