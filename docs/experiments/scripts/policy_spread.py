# short runs on run 5's data: does the image trunk keep Breakout's spread? usage: policy_spread.py bn|gn|share-S STEPS THREADS [DATA AIM_GAMES]
# (share-S: each batch's windows aiming ones with chance S; otherwise as the data falls)
import sys, itertools, torch
from torch import nn
from gamemodels.policy import *
from gamemodels.policy import instruction_data, phrasing, policy_loss, policy_frames, to_input
from gamemodels.data import EpisodeDataset
from gamemodels.train import fit
torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) > 3 else 2)
variant, steps = sys.argv[1], int(sys.argv[2])
cfg = policy_config('tiny', motion=True)
data = instruction_data(sys.argv[4] if len(sys.argv) > 4 else 'runs/data-policy5', 8, 2500, int(sys.argv[5]) if len(sys.argv) > 5 else 12000)
splits = {k: ds.split(0.1, seed=0) for k, ds in data.items()}
def windows(keep): return PolicyDataset(itertools.chain.from_iterable((data[k][i] for i in s[0]) for k, s in splits.items() if keep(k)), 64, 16, stride=4, wording=phrasing)
class Mixed(torch.utils.data.Dataset):
    "Windows drawn at random, each an aiming one with chance `aim`."
    def __init__(self, aim): self.aim, self.parts = aim, {g: windows(lambda k: (k == 'aim') == (g == 'aim')) for g in ('breakout', 'aim')}
    def __len__(self): return 100 * max(len(p) for p in self.parts.values())
    def __getitems__(self, ids):
        g = torch.Generator().manual_seed(int(sum(ids)))
        k = int((torch.rand(len(ids), generator=g) < self.aim).sum())
        pick = lambda part, n: self.parts[part].__getitems__(torch.randint(len(self.parts[part]), (n,), generator=g).tolist())
        b = pick('breakout', len(ids) - k)
        if not k: return b
        a = pick('aim', k)
        return torch.cat([a[0], b[0]]), torch.cat([a[1], b[1]]), a[2] + b[2]
train = Mixed(float(variant.split('-')[1])) if variant.startswith('share') else windows(lambda k: True)
m = Policy(cfg)
if variant == 'gn':
    for mod in list(m.image_trunk.modules()):
        for name, ch in list(mod.named_children()):
            if isinstance(ch, nn.BatchNorm2d): setattr(mod, name, nn.GroupNorm(1, ch.num_features))
fit(m, policy_loss, train, steps=steps, batch_size=16, lr=1e-3, weight_decay=1e-4, lr_schedule='cosine', warmup=min(200, steps // 10),
    clip_grad=1.0, progress=False, log_every=100)
m.eval()
def frames(folder, n):
    ds = EpisodeDataset(folder); out = []
    for i in range(len(ds)):
        out.append(policy_frames(ds[i].frames[:len(ds[i])], 64))
        if sum(len(o) for o in out) >= n: break
    return torch.cat(out)[:n]
for name, f in dict(breakout=frames('runs/data-policy5/breakout-left', 256), aim=frames('runs/data-policy5/aim', 256)).items():
    x = to_input(f, torch.cat([f[:1], f[:-1]]))
    with torch.no_grad(): tok = m.image_proj(m.image_trunk(x).flatten(1))
    print(variant, steps, name, 'token spread', round(float(tok.std(0).mean()), 4), flush=True)
