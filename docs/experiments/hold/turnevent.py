# The turn as an event: the refiner's bit `z` ("something appears now", drawn in play from `AppearOdds`) also set where the
# ball's motion flips (a wall, the paddle, a brick: `RefinerClips.turned`), and the odds refitted to say when. A mean refiner
# draws half a ball each way at a turn it cannot time (runs 75-76: lost at the wall's turn even from a real context); told
# "it turns now", the target is one ball again. A fine-tune of RUN on hold.py's clips (`--hold 0`: run 61's options with the
# library's faint dots), turn clips a share of each batch; `--no-z` keeps the bit for serves only (the control).
#   python docs/experiments/hold/turnevent.py RUN --base LAM A2L --data D --out OUT [--turns 0.25] [--odds-steps 1000] [--no-z]
import sys, time, torch, numpy as np
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from gamemodels.world import *
from gamemodels.train import fit_within
from hold import finetune_parser, finetune_setup, finetune_clips, finetune

def flips(x, y, i):
    "Whether the ball's motion flips at frame i + 1 (seen at i - 1, i, i + 1; a component's sign turns)."
    p = [torch.stack([x[j], y[j]], 1) for j in (i - 1, i, i + 1)]
    return ((p[1] - p[0]) * (p[2] - p[1]) < -0.25).any(1)

class TurnAppearClips(AppearClips):
    "`AppearClips` whose label is also set where the ball turns on the next frame."
    def __init__(self, store, context):
        super().__init__(store, context)
        x, y = (torch.cat(v) for v in zip(*[detect_ball(store.frames[i:i + 4096]) for i in range(0, len(store.frames), 4096)]))
        last = self.clips.index + context - 1
        self.turn = flips(x, y, last); self.appear = self.y.bool(); self.y = (self.appear | self.turn).float()

class TurnClips(RefinerClips):
    "`RefinerClips` whose `z` is set on the turn clips too."
    def __getitems__(self, ids):
        out = super().__getitems__(ids)
        g = torch.Generator().manual_seed(self.seed * 1_000_003 + int(np.sum(ids)) % 1_000_003)   # the draws super() made
        ids = torch.as_tensor(ids, dtype=torch.long).clone()
        if self.appear: m = int(round(len(ids) * self.appear)); ids[:m] = self.new[torch.randint(0, len(self.new), (m,), generator=g)]
        if self.turns:
            m0, m1 = int(round(len(ids) * self.appear)), int(round(len(ids) * (self.appear + self.turns)))
            ids[m0:m1] = self.turned[torch.randint(0, len(self.turned), (m1 - m0,), generator=g)]
        out[-1]['z'] = torch.isin(ids, self.new) | torch.isin(ids, self.turned)
        return out

@torch.no_grad()
def odds_report(odds, ds, n=4000):
    "Mean odds on clips that turn, that serve, and where the ball is in flight and does neither."
    g = torch.Generator().manual_seed(1); ids = torch.randperm(len(ds.clips), generator=g)[:n]
    ctx, a, t, y = ds.__getitems__(ids); p = torch.cat([torch.sigmoid(odds(ctx[i:i + 256], a[i:i + 256], t[i:i + 256])) for i in range(0, n, 256)])
    tu, ap = ds.turn[ids], ds.appear[ids]; fl = ~tu & ~ap
    return dict(turn=round(p[tu].mean().item(), 3), n_turn=int(tu.sum()), appear=round(p[ap].mean().item(), 3), n_appear=int(ap.sum()),
                other=round(p[fl].mean().item(), 4), auc_turn=round(float((p[tu][:, None] > p[fl][None]).float().mean()), 3))

if __name__ == '__main__':
    p = finetune_parser(turns=0.25); p.add_argument('--odds-steps', type=int, default=1000); p.add_argument('--no-z', action='store_true')
    a = p.parse_args(); t0 = time.perf_counter(); out = Path(a.out)
    wm, ref, store = finetune_setup(a)
    if not a.no_z:
        od = TurnAppearClips(store, wm.context); print('odds before', odds_report(ref.odds, od), flush=True)
        ref.odds.requires_grad_(True)
        fit_within(None, ref.odds, appear_loss, od, steps=a.odds_steps, batch_size=128, lr=1e-3, run_dir=out / 'odds', ckpt_every=500,
                   seed=a.seed, progress=False, log_every=100)
        ref.odds.eval(); print('odds after', odds_report(ref.odds, od), f'{time.perf_counter() - t0:.0f} s', flush=True)
    finetune(ref, finetune_clips(RefinerClips if a.no_z else TurnClips, wm, ref, store, a), a, t0)
