# Does `AppearOdds` see the ball? Fit odds variants on the latent-action recording's `AppearClips` and report, on other
# clips, the odds where the ball is in the last two frames (truth: never appears) and where it is not (truth: the rate).
#   python docs/experiments/hold/oddsfit.py VARIANT [--steps 1500] [--save F]   VARIANT: plain | diff | wide | diffwide
import sys, time, argparse, torch, torch.nn as nn, torch.nn.functional as F
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from gamemodels.world import *
from libeval import lam_data

class Odds(AppearOdds):
    "AppearOdds with the frame differences as input too (`diff`) and/or a first full-resolution layer (`wide`)."
    def __init__(self, diff=False, wide=False, keys=2, clock=2, width=32):
        super().__init__(keys, 4, clock, width); self.diff, self.wide = diff, wide
        cin = 9 + 6 * diff
        first = [nn.Conv2d(cin, width // 2, 3, 1, 1), nn.SiLU(), nn.Conv2d(width // 2, width // 2, 4, 2, 1)] if wide else [nn.Conv2d(cin, width // 2, 4, 2, 1)]
        self.conv = nn.Sequential(*first, nn.SiLU(), nn.Conv2d(width // 2, width, 4, 2, 1), nn.SiLU(),
                                  nn.Conv2d(width, width, 4, 2, 1), nn.SiLU(), nn.Conv2d(width, width, 3, 1, 1), nn.SiLU())
    def forward(self, ctx, actions=None, t=None):
        f = ctx[:, -3:]; f = f.float() / 255 if f.dtype == torch.uint8 else f
        x = f.flatten(1, 2) * 2 - 1
        if self.diff: x = torch.cat([x, (f[:, 1:] - f[:, :-1]).flatten(1, 2) * 4], 1)
        h = self.conv(x); parts = [h.amax((-1, -2)), h.mean((-1, -2))]
        parts.append(F.one_hot(actions[:, -self.keys:], 4).float().flatten(1))
        parts.append(F.one_hot(torch.as_tensor(t).long() % self.clock, self.clock).float() * 2 - 1)
        return self.mlp(torch.cat(parts, 1)).squeeze(-1)

if __name__ == '__main__':
    p = argparse.ArgumentParser(); p.add_argument('variant'); p.add_argument('--steps', type=int, default=1500); p.add_argument('--lr', type=float, default=2e-3); p.add_argument('--save')
    a = p.parse_args(); torch.set_num_threads(int(__import__('os').environ.get('THREADS', 2))); torch.manual_seed(0)
    ds = AppearClips(lam_data(), 4); N = len(ds.clips)
    g = torch.Generator().manual_seed(1); perm = torch.randperm(2 * N, generator=g)
    test = perm[:1024]; train = perm[1024:]; test = test[test < N]        # test: clips as they come
    m = Odds('diff' in a.variant, 'wide' in a.variant); opt = torch.optim.Adam(m.parameters(), lr=a.lr); t0 = time.time()
    def report(step):
        with torch.no_grad():
            ctx, acts, t, y = ds.__getitems__(test); q = torch.sigmoid(m(ctx, acts, t))
        seen = ~torch.isnan(detect_ball(ctx[:, -1])[0]) & ~torch.isnan(detect_ball(ctx[:, -2])[0])
        bce = F.binary_cross_entropy(q.clamp(1e-6, 1 - 1e-6), y)
        print(f'{a.variant} step {step}: test bce {bce:.4f}, odds with ball {q[seen].mean():.3f} (max {q[seen].max():.3f}), without {q[~seen].mean():.3f}'
              f' (rate {y[~seen].mean():.3f}), on appearing {q[y > 0].mean():.3f}, {time.time() - t0:.0f} s', flush=True)
    for step in range(1, a.steps + 1):
        ids = train[torch.randint(0, len(train), (128,), generator=g)]
        ctx, acts, t, y = ds.__getitems__(ids)
        loss = F.binary_cross_entropy_with_logits(m(ctx, acts, t), y); opt.zero_grad(); loss.backward(); opt.step()
        if step % 500 == 0: report(step)
    if a.save: torch.save(m.state_dict(), a.save)

def swap_odds(refiner, path, variant='diff'):
    "Put odds fitted here (saved with --save) into an event refiner in place of its own."
    m = Odds('diff' in variant, 'wide' in variant, refiner.keys, refiner.clock); m.load_state_dict(torch.load(path, weights_only=True))
    refiner.odds = m.eval(); return refiner
