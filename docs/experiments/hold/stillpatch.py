# Run 93: the pixels the recorded data never changed, kept at their value in play. On import, computes the mask from the
# recording in $STILL_DATA (default runs/hold/data-lam-cpu; every frame resized to 64x64 as the models see it) and patches
# `DetailRefiner.refine` to put those pixels back after each refined frame. `STILL_TOL` levels (default 0): a pixel is still
# when no frame is more than that off the first frame. Use: python -c "import stillpatch; ..." or import it before a script runs.
import os, glob, torch, numpy as np
import gamemodels.world as W
from gamemodels.world import resize_frames

def still_mask(data: str, size: int = 64, tol: int = 0):
    "(mask `[1, 1, H, W]` bool, value `[1, 3, H, W]` uint8): the pixels within `tol` levels of the first frame in every frame of `data`."
    first, on = None, None
    for f in sorted(glob.glob(os.path.join(data, 'episode_*.npz'))):
        fr = torch.from_numpy(resize_frames(np.load(f)['frames'], size)).permute(0, 3, 1, 2)
        if first is None: first, on = fr[0], torch.ones(size, size, dtype=torch.bool)
        on &= ((fr.int() - first.int()).abs().amax(1) <= tol).all(0)
    return on[None, None], first[None]

MASK, VALUE = still_mask(os.environ.get('STILL_DATA', 'runs/hold/data-lam-cpu'), tol=int(os.environ.get('STILL_TOL', 0)))
print(f'stillpatch: {int(MASK.sum())} still pixels of {MASK.numel()}', flush=True)
orig = W.DetailRefiner.refine
def refine(self, guess, ctx, *a, **k): return torch.where(MASK, VALUE, orig(self, guess, ctx, *a, **k))
W.DetailRefiner.refine = refine
