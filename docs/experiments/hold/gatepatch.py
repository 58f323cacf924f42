# Play-time rules on a refiner's changes, patched into `DetailRefiner.refine` on import (run 86), set by the environment:
# LEAST (levels), NEAR (px, -1: none), MODE: 'least' (changes of LEAST levels or more), 'both' (those, and only within NEAR px of
# what changed by LEAST: the guess against the last context frame, the last two context frames; anywhere on a drawn event bit: the
# library's `DetailRefiner(least=, near=)`), 'gate' (near what changed only), 'mixed' (any change near what moved between the
# context frames; elsewhere 'both'), 'back' (changes of LEAST or more, smaller ones only back toward the last context frame), 'backnear' (back
# toward it anywhere, else as 'mixed'). Used by paddlegone.py; for another script: python -c "import gatepatch; ..." or runpy.
import os, torch, torch.nn.functional as F
import gamemodels.world as W
L, N, MODE = int(os.environ['LEAST']), int(os.environ.get('NEAR', -1)), os.environ.get('MODE', 'both')
orig_fwd, orig = W.DetailRefiner.forward, W.DetailRefiner.refine
BITS = []
def forward(self, *a, z=None, **k): BITS.append(z); return orig_fwd(self, *a, z=z, **k)
W.DetailRefiner.forward = forward
def grow(m): return F.max_pool2d(m.float(), 2 * N + 1, 1, N) > 0 if N else m
def refine(self, guess, ctx, *a, **k):
    self.least, self.near = 0, None; out = orig(self, guess, ctx, *a, **k)
    d = lambda u, v: (u.int() - v.int()).abs().amax(1, keepdim=True) >= L
    big = d(out, guess); ev = BITS[-1].reshape(-1, 1, 1, 1) if self.event and BITS[-1] is not None else False
    if MODE == 'least': on = big
    elif MODE == 'both': on = big & (grow(d(guess, ctx[:, -1]) | d(ctx[:, -1], ctx[:, -2])) | ev)
    elif MODE == 'gate': on = grow(d(guess, ctx[:, -1]) | d(ctx[:, -1], ctx[:, -2])) | ev
    elif MODE == 'mixed': on = grow(d(ctx[:, -1], ctx[:, -2])) | (big & (grow(d(guess, ctx[:, -1])) | ev))
    elif MODE == 'back':   # run 87: a small change only where it takes the pixel no farther from the last context frame than the guess
        far = lambda u: (u.int() - ctx[:, -1].int()).abs().amax(1, keepdim=True)
        on = big | (far(out) <= far(guess))
    elif MODE == 'backnear':   # back toward the last context frame anywhere; away from it by LEAST or more only near what changed
        far = lambda u: (u.int() - ctx[:, -1].int()).abs().amax(1, keepdim=True)
        on = (far(out) <= far(guess)) | grow(d(ctx[:, -1], ctx[:, -2])) | (big & (grow(d(guess, ctx[:, -1])) | ev))
    elif MODE == 'backnear1':   # as 'backnear', large changes allowed near any change of the guess off the last context frame (1 level)
        far = lambda u: (u.int() - ctx[:, -1].int()).abs().amax(1, keepdim=True)
        moved1 = (guess.int() - ctx[:, -1].int()).abs().amax(1, keepdim=True) >= 1
        on = (far(out) <= far(guess)) | grow(d(ctx[:, -1], ctx[:, -2])) | (big & (grow(moved1) | ev))
    return torch.where(on, out, guess)
W.DetailRefiner.refine = refine
