# A refiner allowed to change only what moves: its output where the last two context frames differ (dilated by `dilate` px),
# the base model's guess snapped to the refiner's palette everywhere else. Used by sweep.py / libeval.py `--gate D`.
import torch
from gamemodels.world import moving_mask, nearest_colour

class Gated:
    def __init__(self, inner, dilate: int = 3): self.inner, self.dilate = inner, dilate
    def __getattr__(self, k): return getattr(self.inner, k)     # keys, clock, event, palette ...
    def refine(self, guess, ctx, *a, **kw):
        out = self.inner.refine(guess, ctx, *a, **kw)
        snapped = nearest_colour(guess.float(), self.inner.palette)
        return torch.where(moving_mask(ctx[:, -2], ctx[:, -1], dilate=self.dilate), out, snapped)
