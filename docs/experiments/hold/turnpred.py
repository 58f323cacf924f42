# Is the wall's turn foretold by the frames? Every frame with the ball seen in it and the three before, by the left wall
# (x < 8 in the frame before) and moving left or still: the next x from the 1, 5 or 15 nearest contexts (the sub-pixel
# centroids `detect_ball` reads in the last three frames, and the y motion), leave-one-out.
#   python docs/experiments/hold/turnpred.py
import sys, torch
sys.path.insert(0, 'docs/experiments/hold')
from libeval import lam_data
from gamemodels.world import detect_ball
st = lam_data(); f = st.frames; x, y = detect_ball(f); seen = ~torch.isnan(x); starts = set(torch.as_tensor(st.starts).tolist())
C = 4
# every frame j whose ball is seen in j-3..j, near the left wall (x_{j-1} < 8), moving left at j-2 -> j-1 or still
J = [j for j in range(C, len(f)) if all(seen[j - 3:j + 1]) and x[j - 1] < 8 and x[j - 1] <= x[j - 2] and not any(k in starts for k in range(j - 3, j + 1))]
J = torch.tensor(J)
feat = torch.stack([x[J - 3], x[J - 2], x[J - 1], y[J - 1] - y[J - 2], y[J-2]-y[J-3]], 1)
tx, ty = x[J], y[J]
turned = tx > x[J - 1]
print('cases', len(J), 'turned share', turned.float().mean().item())
d = torch.cdist(feat, feat); d.fill_diagonal_(float('inf'))
for k in (1, 5, 15):
    nn = d.topk(k, largest=False).indices
    px = tx[nn].mean(1); pt = turned[nn].float().mean(1)
    err = (px - tx).abs()
    print(f'k={k}: x err mean {err.mean():.2f}, median {err.median():.2f}; turn prob of neighbours: on turned {pt[turned].mean():.2f}, on not {pt[~turned].mean():.2f}; share with |p-0.5|<0.3: {((pt-0.5).abs()<0.3).float().mean():.2f}')
# spread of x_j among near-identical contexts (distance < 0.3)
close = d < 0.3
sp = [tx[close[i]].std().item() for i in range(len(J)) if close[i].sum() >= 3]
print('contexts with >= 3 near-twins:', len(sp), 'mean std of their next x', torch.tensor(sp).mean().item())
