# Run 96: `hold` lifted on the steps whose event bit is drawn (something appears: a serve). The refiner's own `hold` is set to 0
# and applied here after it, except on those steps (and, with FOOT=P, within P px of any pixel changed by `hold` or more:
# a moving ball's blended edge; with AFTER=K, also on the K steps after a drawn bit, per game). HOLD=H python docs/experiments/hold/holdevent.py SCRIPT ARGS...   (balls.py, trio.py)
import os, sys, runpy, torch, torch.nn.functional as F
import gamemodels.world as W
H, P, K = int(os.environ.get('HOLD', 16)), int(os.environ.get('FOOT', -1)), int(os.environ.get('AFTER', 0)); orig, bern = W.DetailRefiner.refine, torch.bernoulli
drawn = []
def bernoulli(*a, **k): z = bern(*a, **k); drawn.append(z); return z
def refine(self, guess, ctx, *a, **k):
    self.hold = 0; drawn.clear(); W.torch.bernoulli = bernoulli
    try: out = orig(self, guess, ctx, *a, **k)
    finally: W.torch.bernoulli = bern
    last = ctx[:, -1]
    if last.dtype != torch.uint8: last = (last.clamp(0, 1) * 255).round().to(torch.uint8)
    move = (out.int() - last.int()).abs().amax(-3, keepdim=True) >= H
    if P >= 0: move = F.max_pool2d(move.float(), 2 * P + 1, 1, P) > 0
    if drawn:
        z = (drawn[-1] > 0).reshape(-1)
        since = getattr(self, 'since_', None)
        since = torch.full_like(z, 10 ** 6, dtype=torch.long) if since is None or len(since) != len(z) else since + 1
        self.since_ = since = torch.where(z, 0, since)
        move = move | (since <= K).reshape(-1, 1, 1, 1)
    return torch.where(move, out, last)
W.DetailRefiner.refine = refine
script = sys.argv[1]; sys.argv = sys.argv[1:]
runpy.run_path(script, run_name="__main__")
