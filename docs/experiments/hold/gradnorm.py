# The refiner's gradient norms on the serving recipe's clips (fpn1H's: `fade` 0.7, fade_near 1, appear 0.25, specks and ghosts
# 0.25, clock 2, event), for a trained refiner and a fresh one of the same config: what a `--clip-grad` should sit above.
# Serve batches (the quarter `appear` draws) apart from the rest: which part of a batch the norm comes from.
#   python docs/experiments/hold/gradnorm.py RUN [--clips 2048] [--batches 40]
import argparse, torch
from pathlib import Path
from gamemodels.world import *
from gamemodels.a2l import LatentWorldModel, BUDGET_SIZES, RECIPE
from gamemodels.data import training_data, record_starts, FrameStore, ClipDataset

p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--clips', type=int, default=2048); p.add_argument('--batches', type=int, default=40)
p.add_argument('--base', nargs=2, default=['runs/hold/lamunroll2', 'runs/hold/lamunroll2/a2l']); p.add_argument('--data', default='runs/hold/data-lam-cpu')
a = p.parse_args(); torch.set_num_threads(1); torch.manual_seed(0)
wm = LatentWorldModel.from_pretrained(*(Path(b) / 'model' for b in a.base))
trained = DetailRefiner.from_pretrained(Path(a.run) / 'model')
fresh = DetailRefiner.from_pretrained(Path(a.run) / 'model'); torch.manual_seed(1)
for m in fresh.net:
    if hasattr(m, 'reset_parameters'): m.reset_parameters()
torch.nn.init.zeros_(fresh.net[-1].weight); torch.nn.init.zeros_(fresh.net[-1].bias); fresh.pos.data.zero_()
ds = training_data(a.data, RECIPE, BUDGET_SIZES['cpu']['episodes'], BUDGET_SIZES['cpu']['max_steps'], 0, progress=False)
store = FrameStore(list(ds) + list(record_starts(f'{a.data}-starts', 400, progress=False)))
data = RefinerClips(wm, ClipDataset(store, context=wm.context, horizon=2), crop=32, n=a.clips, seed=0, progress=False, actions=True,
                    position=True, fade=0.7, fade_near=1, appear=0.25, clock=2, event=True, elsewhere=0.0, specks=0.25, palette=trained.palette, ghosts=0.25)
def norm(ref, batch):
    ref.zero_grad(); loss, _ = refiner_loss(ref, batch, w=40.0, weights='context'); loss.backward()
    return float(torch.sqrt(sum((q.grad ** 2).sum() for q in ref.parameters() if q.grad is not None))), float(loss)
g = torch.Generator().manual_seed(0)
for name, ref in (('trained', trained), ('fresh', fresh)):
    ref.train(); ref.odds.requires_grad_(False)
    whole, serve, rest = [], [], []
    for i in range(a.batches):
        ids = torch.randint(0, len(data), (32,), generator=g).tolist(); b = data.__getitems__(ids)
        whole.append(norm(ref, b))
        k = 8   # appear 0.25 of 32: the first 8 are serves
        cut = lambda lo, hi: tuple(x[lo:hi] for x in b[:3]) + ({kk: v[lo:hi] for kk, v in b[3].items()},)
        serve.append(norm(ref, cut(0, k))); rest.append(norm(ref, cut(k, 32)))
    q = lambda xs: torch.tensor([x[0] for x in xs]).quantile(torch.tensor([0.5, 0.9, 1.0])).tolist()
    print(f"{name}: grad norm median / p90 / max: whole {[round(v, 3) for v in q(whole)]}, serves {[round(v, 3) for v in q(serve)]}, rest {[round(v, 3) for v in q(rest)]}; loss {sum(x[1] for x in whole) / len(whole):.5f}")
