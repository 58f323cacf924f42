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

class BitGated(Gated):
    """As `Gated`, for an event refiner: on a step whose event bit is drawn its output is taken everywhere (a serve appears
    where nothing moved); on the others only near what moved. Used by balls.py `--gate D --bit`."""
    @torch.inference_mode()
    def refine(self, guess, ctx, actions=None, t=None, generator=None):
        r = self.inner
        z = torch.bernoulli(torch.sigmoid(r.odds(ctx, actions, t)), generator=generator).reshape(-1) > 0
        out = nearest_colour(r(guess, ctx, actions, t=t, z=z).clamp(0, 1) * 255, r.palette)
        m = moving_mask(ctx[:, -2], ctx[:, -1], dilate=self.dilate)
        return torch.where(m | z.reshape(-1, *[1] * (m.ndim - 1)), out, nearest_colour(guess.float(), r.palette))
