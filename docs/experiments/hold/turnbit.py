# The turn as its own event bit: run 77's turnevent.py shared the serve's bit, and the refiner read a bit on a ball in
# flight as "serve here". Here a second bit `zt` (a plane of its own, its weights from zero), true on the clips where the
# ball's motion flips (`RefinerClips.turned`), drawn in play from odds of its own (an `AppearOdds` fitted on the turns,
# half of each batch from clips with a ball in the last two frames). Fine-tune of RUN on hold.py's clips (`--hold 0`).
#   python docs/experiments/hold/turnbit.py RUN --base LAM A2L --data D --out OUT [--turns 0.25] [--odds-steps 1000]
#   load in play: turnbit.load(OUT)  (`force`: None draws the bit, or a function ctx -> bool [B])
import sys, time, torch, torch.nn as nn, numpy as np
from pathlib import Path
from safetensors.torch import save_file, load_file
sys.path.insert(0, str(Path(__file__).parent))
from gamemodels.world import *
from gamemodels.train import fit_within
from turnevent import TurnAppearClips, TurnClips

class _Plane(nn.Module):
    "The refiner's first convolution with one more input plane, the turn bit, its weights from zero."
    def __init__(self, conv, holder):
        super().__init__(); self.conv, self.holder = conv, holder
        self.w = nn.Parameter(torch.zeros(conv.out_channels, 1, *conv.kernel_size))
    def forward(self, x):
        zt = self.holder[0].float().reshape(-1, 1, 1, 1).expand(-1, 1, *x.shape[-2:]) * 2 - 1
        return self.conv(x) + nn.functional.conv2d(zt, self.w, padding=self.conv.padding, dilation=self.conv.dilation)

class TurnRefiner(nn.Module):
    "A trained `DetailRefiner` with a turn bit: `forward(..., zt=)`; without `zt`, the bit drawn from `turn_odds` (or `force(ctx)`)."
    def __init__(self, base: DetailRefiner):
        super().__init__(); self.base, self.holder, self.force = base, [None], None
        base.net[0] = _Plane(base.net[0], self.holder); self.turn_odds = AppearOdds(base.keys, base.n_actions, base.clock)
        for k in ('context', 'keys', 'n_actions', 'position', 'clock', 'event', 'palette'): setattr(self, k, getattr(base, k))
    def forward(self, guess, ctx, actions=None, at=None, t=None, z=None, zt=None):
        if zt is None:
            zt = self.force(ctx) if self.force else torch.bernoulli(torch.sigmoid(self.turn_odds(ctx, actions, t))) > 0
        self.holder[0] = torch.as_tensor(zt).to(guess.device)
        return self.base(guess, ctx, actions, at=at, t=t, z=z)
    odds = property(lambda self: self.base.odds)
    refine = DetailRefiner.refine

def load(out):
    tr = TurnRefiner(DetailRefiner.from_pretrained(Path(out) / 'base'))
    tr.load_state_dict(load_file(str(Path(out) / 'turn.safetensors'))); return tr.eval()

class TurnOnlyClips(TurnAppearClips):
    "Odds clips labelled with the turn alone, the second half of the items drawn where a ball is in the last two frames."
    def __init__(self, store, context):
        super().__init__(store, context); self.y = self.turn.float()
        x, _ = (torch.cat(v) for v in zip(*[detect_ball(store.frames[i:i + 4096]) for i in range(0, len(store.frames), 4096)]))
        last = self.clips.index + context - 1
        self.cand = torch.nonzero(~torch.isnan(x[last]) & ~torch.isnan(x[last - 1]))[:, 0]

class BitClips(TurnClips):
    "`RefinerClips` with `zt` (the turn) beside `z` (the serve)."
    def __getitems__(self, ids):
        out = RefinerClips.__getitems__(self, ids)
        g = torch.Generator().manual_seed(self.seed * 1_000_003 + int(np.sum(ids)) % 1_000_003)
        ids = torch.as_tensor(ids, dtype=torch.long).clone()
        if self.appear: m = int(round(len(ids) * self.appear)); ids[:m] = self.new[torch.randint(0, len(self.new), (m,), generator=g)]
        if self.turns:
            m0, m1 = int(round(len(ids) * self.appear)), int(round(len(ids) * (self.appear + self.turns)))
            ids[m0:m1] = self.turned[torch.randint(0, len(self.turned), (m1 - m0,), generator=g)]
        out[-1]['zt'] = torch.isin(ids, self.turned)
        return out

if __name__ == '__main__':
    from turnevent import odds_report
    from hold import finetune_parser, finetune_setup, finetune_clips, finetune
    p = finetune_parser(turns=0.25); p.add_argument('--odds-steps', type=int, default=1000)
    a = p.parse_args(); t0 = time.perf_counter(); out = Path(a.out)
    wm, base, store = finetune_setup(a); base.save_pretrained(out / 'base'); ref = TurnRefiner(base)
    od = TurnOnlyClips(store, wm.context)
    fit_within(None, ref.turn_odds, appear_loss, od, steps=a.odds_steps, batch_size=128, lr=1e-3, run_dir=out / 'odds', ckpt_every=500,
               seed=a.seed, progress=False, log_every=100)
    ref.turn_odds.eval(); print('turn odds', odds_report(ref.turn_odds, od), f'{time.perf_counter() - t0:.0f} s', flush=True)
    ref.turn_odds.requires_grad_(False)
    finetune(ref, finetune_clips(BitClips, wm, ref, store, a), a, t0,
             save=lambda r, o: save_file({k: v.contiguous() for k, v in r.state_dict().items()}, str(o / 'turn.safetensors')))
