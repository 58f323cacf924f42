# Run 94: the hold rule patched in before it was in the library. STEPMIN=M python docs/experiments/hold/holdpatch.py SCRIPT ARGS...:
# after the refiner (and its least rule), a pixel changing by fewer than M levels from the last context frame is left as it was;
# then SCRIPT (staticwhere.py, trio.py) runs with ARGS. BOTH=1: 4 games on both threads. The library's DetailRefiner(hold=) since.
import os, sys, runpy, torch
import gamemodels.world as W, gamemodels.a2l as A
M = int(os.environ['STEPMIN']); orig = W.DetailRefiner.refine
def refine(self, guess, ctx, *a, **k):
    out = orig(self, guess, ctx, *a, **k); last = ctx[:, -1]
    if last.dtype != torch.uint8: last = (last.clamp(0, 1) * 255).round().to(torch.uint8)
    move = (out.int() - last.int()).abs().amax(-3, keepdim=True) >= M
    return torch.where(move, out, last)
W.DetailRefiner.refine = refine
init = A.LatentWorldModel.__init__
def __init__(self, *a, **k): init(self, *a, **k); self.small_batch = 0
if os.environ.get("BOTH"): A.LatentWorldModel.__init__ = __init__
script = sys.argv[1]; sys.argv = sys.argv[1:]
runpy.run_path(script, run_name="__main__")
