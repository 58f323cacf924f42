# Which way the game serves: every serve in the recording (the ball seen at rows 35-42 where the two frames before show none,
# and in the 4 after), the share moving left and down 4 steps on, by clock phase and by half of the screen.
#   python docs/experiments/hold/servedir.py
import sys, torch
sys.path.insert(0, 'docs/experiments/hold')
from libeval import lam_data
from gamemodels.world import *
st = lam_data(); f = st.frames
x, y = detect_ball(f); seen = ~torch.isnan(x); starts = set(torch.as_tensor(st.starts).tolist())
d = []
for i in range(2, len(f) - 6):
    if seen[i] and not seen[i - 1] and not seen[i - 2] and 35 <= y[i] <= 42 and all(seen[i:i + 5]) and not any(j in starts for j in range(i - 2, i + 6)):
        d.append((float(x[i]), float(x[i + 4] - x[i]), float(y[i + 4] - y[i]), int(step_in_game(st, torch.tensor([i]))[0]) % 2))
d = torch.tensor(d)
print(len(d), 'serves; moving left', round(float((d[:, 1] < 0).float().mean()), 2), 'down', round(float((d[:, 2] > 0).float().mean()), 2))
for ph in (0, 1):
    m = d[:, 3] == ph
    print('phase', ph, int(m.sum()), 'x at serve median', round(float(d[m, 0].median()), 1), 'left', round(float((d[m, 1] < 0).float().mean()), 2))
for side, m in (('served left half', d[:, 0] < 32), ('right half', d[:, 0] >= 32)):
    print(side, int(m.sum()), 'moving left', round(float((d[m, 1] < 0).float().mean()), 2))
