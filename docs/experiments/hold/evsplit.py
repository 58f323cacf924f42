# Two refiners split by the event bit: the serving refiner (`--event`) draws the bit from its odds each step; where it is
# drawn (and for `hold` steps after), its own output is kept, everywhere else a tracking refiner's (one trained without
# events, which carries a ball in flight closer). Used by libeval.py / sweep.py / benchref.py `--track RUN [--hold H]`.
# `rule` (benchref.py: RULE=1): the tracking refiner plays through its own `refine`, its play-time rule (`least`) kept (run 90).
import torch
from gamemodels.world import DetailRefiner, nearest_colour

class EventSplit:
    def __init__(self, serve, track, hold: int = 0, rule: bool = False):
        assert serve.event, "the serving refiner must draw events (--event)"
        self.serve, self.track, self.hold, self.left, self.rule = serve, track, hold, None, rule
        self.keys, self.clock, self.event, self.palette, self.n_actions = max(serve.keys, track.keys), serve.clock, True, serve.palette, serve.n_actions
    def eval(self): self.serve.eval(); self.track.eval(); return self
    @torch.inference_mode()
    def refine(self, guess, ctx, actions=None, t=None, generator=None):
        s = self.serve
        z = torch.bernoulli(torch.sigmoid(s.odds(ctx, actions, t)), generator=generator) > 0
        if self.left is None or len(self.left) != len(z): self.left = torch.zeros(len(z), dtype=torch.long)
        self.left = torch.where(z, torch.full_like(self.left, self.hold + 1), (self.left - 1).clamp(min=0))
        use = self.left > 0
        a = s(guess, ctx, actions, t=t, z=z).clamp(0, 1) * 255
        if self.rule and not self.track.event:
            b = self.track.refine(guess, ctx, actions if self.track.keys else None, t=t if self.track.clock else None)
            return torch.where(use[:, None, None, None], nearest_colour(a, s.palette), b)
        kw = dict(t=t) if self.track.clock else {}
        if self.track.event: kw['z'] = torch.zeros_like(z)
        b = self.track(guess, ctx, actions if self.track.keys else None, **kw).clamp(0, 1) * 255
        return torch.where(use[:, None, None, None], nearest_colour(a, s.palette), nearest_colour(b, self.track.palette or s.palette))

def load(serve_run, track_run, hold=0):
    from pathlib import Path
    return EventSplit(DetailRefiner.from_pretrained(Path(serve_run) / 'model'), DetailRefiner.from_pretrained(Path(track_run) / 'model'), hold)
