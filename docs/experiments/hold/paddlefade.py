# Where a paddle held against a wall goes under a play-time rule (run 88): the shipped LAM pair, a `SweepPlayer`, and per step
# the paddle band's redness in the last context frame, the LAM's guess, the refiner's output and what the rule keeps, with the
# number of paddle-band pixels the rule drops (by reason). Prints the steps before each game first loses its paddle:
#   python docs/experiments/hold/paddlefade.py [--least 6] [--near 2] [--steps 400] [-n 8]
import argparse, torch, torch.nn.functional as F
from gamemodels.world import ClosedLoop, SweepPlayer, drive, detect_paddle, DetailRefiner, redness, PADDLE_ROWS
from gamemodels.a2l import shipped_world_model
ap = argparse.ArgumentParser(); ap.add_argument('--least', type=int, default=6); ap.add_argument('--near', default='2')
ap.add_argument('--steps', type=int, default=400); ap.add_argument('-n', type=int, default=8); ap.add_argument('--show', type=int, default=12)
ap.add_argument('--window', help='GAME:FROM:TO, print these steps of one game instead')
a = ap.parse_args(); torch.set_num_threads(2); torch.manual_seed(0)
band = slice(PADDLE_ROWS[0] - 2, PADDLE_ROWS[1] + 2)
log = []
orig = DetailRefiner.refine
def refine(self, guess, ctx, actions=None, t=None, generator=None):
    least, near = self.least, self.near
    self.least, self.near = 0, None
    out = orig(self, guess, ctx, actions, t, generator)   # the refiner alone (its event bit drawn as in play)
    self.least, self.near = least, near
    u8 = lambda x: (x if x.dtype == torch.uint8 else (x.clamp(0, 1) * 255).round().to(torch.uint8)).int()
    o, g, last = out.int(), u8(guess), u8(ctx[:, -1]); gap = lambda p, q: (p - q).abs().amax(-3, keepdim=True)
    apart = lambda p, q: gap(p, q) >= max(least, 1)
    big = apart(o, g); back = gap(o, last) <= gap(g, last); keep = big | back
    moved = guessed = torch.zeros_like(keep)
    if near is not None:
        grow = lambda m: F.max_pool2d(m.float(), 2 * near + 1, 1, near) > 0 if near else m
        guessed = grow(apart(g, last)); moved = grow(apart(last, u8(ctx[:, -2])))
        keep = moved | back | (big & guessed)
    final = torch.where(keep, out, g.to(torch.uint8))
    red = lambda x: redness(x.to(torch.uint8))[..., band, :].sum((-1, -2))
    ch = (o != g).any(1, keepdim=True)[..., band, :]
    drop = ch & ~keep[..., band, :]
    log.append(dict(last=red(last), guess=red(g), out=red(o), final=red(final), changed=ch.sum((1, 2, 3)),
                    dropped_big=(drop & big[..., band, :]).sum((1, 2, 3)), dropped_small=(drop & ~big[..., band, :]).sum((1, 2, 3)),
                    moved=moved[..., band, :].sum((1, 2, 3)), x=detect_paddle(final.to(torch.uint8))))
    return final
DetailRefiner.refine = refine
wm = shipped_world_model(); wm.refiner.least, wm.refiner.near = a.least, None if a.near == '-' else int(a.near)
cl = ClosedLoop(a.n, player=SweepPlayer()); drive(wm, [cl], a.steps)
def row(r, b, i): print(f'  {i + 1:4d} x {float(r["x"][b]):5.1f} red last {float(r["last"][b]):5.2f} guess {float(r["guess"][b]):5.2f} '
                          f'out {float(r["out"][b]):5.2f} final {float(r["final"][b]):5.2f} | changed {int(r["changed"][b]):3d} '
                          f'dropped big {int(r["dropped_big"][b]):3d} small {int(r["dropped_small"][b]):3d} moved {int(r["moved"][b]):3d}')
if a.window:
    b, s0, s1 = map(int, a.window.split(':')); [row(log[i], b, i) for i in range(s0 - 1, min(s1, len(log)))]; raise SystemExit
for b in range(a.n):
    xs = torch.stack([r['x'][b] for r in log]); lost = torch.nonzero(torch.isnan(xs))
    if not len(lost): print(f'game {b}: paddle kept to step {a.steps}'); continue
    s = int(lost[0]); print(f'game {b}: first lost at step {s + 1}')
    for i in range(max(0, s - a.show), min(len(log), s + 3)):
        row(log[i], b, i)
