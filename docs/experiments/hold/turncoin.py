# Is the wall's turn a coin toss? In the recording, balls moving left within 12 px of the left wall, grouped by the last frame's
# column and x speed (px a step): the share whose next frame shows the turn.
#   python docs/experiments/hold/turncoin.py
import sys, torch
sys.path.insert(0, 'docs/experiments/hold')
from libeval import lam_data
from gamemodels.world import *
from collections import defaultdict
st = lam_data(); f = st.frames
x, y = detect_ball(f); seen = ~torch.isnan(x); starts = set(torch.as_tensor(st.starts).tolist())
by = defaultdict(list)
for i in range(3, len(f) - 2):
    if all(seen[i - 2:i + 2]) and x[i] < x[i - 1] < x[i - 2] and x[i] < 12 and not any(j in starts for j in range(i - 2, i + 2)):
        key = (int(x[i].floor()), round(float(x[i - 1] - x[i]), 0))   # the last context frame's column and the speed in x
        by[key].append(bool(x[i + 1] > x[i]))                           # does the next frame show the turn?
print('last column, x speed: n, share turning on the next step')
for k in sorted(by):
    if len(by[k]) >= 8: print(k, len(by[k]), round(sum(by[k]) / len(by[k]), 2))
