# Does the palette keep the ball? The recording's frames with a ball seen, snapped to a palette (`nearest_colour`): the share
# whose ball `detect_ball` still sees, over all of them and with the ball by the left wall (x < 4, where it crosses the
# wall's inner edge); the refiner's palette (RUN/model) beside palettes built with more moving colours.
#   python docs/experiments/hold/palball.py RUN
import sys, torch
sys.path.insert(0, 'docs/experiments/hold')
from libeval import lam_data
from gamemodels.world import *
torch.set_num_threads(2)
st = lam_data(); f = st.frames
x, y = detect_ball(f); seen = torch.nonzero(~torch.isnan(x))[:, 0]
allb, wall = seen[::13][:3000], seen[x[seen] < 4][:3000]
pals = {'refiner': DetailRefiner.from_pretrained(sys.argv[1] + '/model').palette,
        'k128 moving64 (the trainer\'s)': palette(f, 128, 64), 'k128 moving256': palette(f, 128, 256), 'k128 moving512': palette(f, 128, 512)}
for name, pal in pals.items():
    keep = lambda ids: round(torch.cat([~torch.isnan(detect_ball(nearest_colour(f[ids[i:i + 64]].float(), pal))[0]) for i in range(0, len(ids), 64)]).float().mean().item(), 3)
    print(f'{name}: {len(pal)} colours; ball kept over all {keep(allb)} ({len(allb)}), by the left wall {keep(wall)} ({len(wall)})', flush=True)
