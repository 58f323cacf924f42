# Run 93: `loop_clips` rolling clips in batches of like k (the library since) against batches in draw order (as before),
# alternated 3 times in one process on the same clips (the ratio is the figure: this host drifts).
#   python docs/experiments/hold/rollspeed.py LAM A2L REFINER|none DATA [-n 512]
import sys, time, argparse, torch, numpy as np
import gamemodels.a2l as A
from gamemodels.core import setup_cpu
ap = argparse.ArgumentParser(); ap.add_argument('lam'); ap.add_argument('a2l'); ap.add_argument('ref'); ap.add_argument('data'); ap.add_argument('-n', type=int, default=512)
a = ap.parse_args(); setup_cpu(2)
wm = A.LatentWorldModel.from_pretrained(a.lam, a.a2l, None if a.ref == 'none' else a.ref)
from gamemodels.data import EpisodeDataset, FrameStore, ClipDataset
clips = ClipDataset(FrameStore.from_dataset(EpisodeDataset(a.data)), context=wm.context, horizon=9)
argsort = torch.argsort
def drawn_order(k, stable=True): return torch.arange(len(k))   # the order the clips were drawn in: as before
t = {'like_k': [], 'drawn': []}
for _ in range(3):
    for name in t:
        torch.argsort = argsort if name == 'like_k' else drawn_order
        s = time.perf_counter(); lc = A.loop_clips(wm, clips, a.n, 8, generator=torch.Generator().manual_seed(0)); t[name].append(round(time.perf_counter() - s, 1))
        torch.argsort = argsort
print(t, 'ratio', round(float(np.median(t['like_k']) / np.median(t['drawn'])), 3))
