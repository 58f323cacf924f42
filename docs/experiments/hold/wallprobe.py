# Where the LAM's paddle slides into the right wall (run 88's slide), step by step against the real game: real games held
# RIGHT (then LEFT) from the serve; per step the real paddle x, the model's x one step on from the real context (teacher
# forced), its x free-running from the same start, and the a2l code it picked. Then the model stepped one RIGHT from real
# contexts whose paddle is shifted by a few px (the whole paddle band rolled), to find where its "right" stops short:
#   python docs/experiments/hold/wallprobe.py [--lam runs/hold/lamunroll2] [--a2l A2L] [--steps 14] [-n 3]  (A2L: a folder holding model/)
import argparse, torch
from gamemodels.world import detect_paddle, NOOP, FIRE, RIGHT, LEFT, PADDLE_ROWS
from gamemodels.envs import make_env, ORACLE_SETTINGS, resize_frames
from gamemodels.a2l import LatentWorldModel
ap = argparse.ArgumentParser(); ap.add_argument('--lam', default='runs/hold/lamunroll2'); ap.add_argument('--steps', type=int, default=14)
ap.add_argument('-n', type=int, default=3); ap.add_argument('--a2l'); a = ap.parse_args(); torch.set_num_threads(2)
wm = LatentWorldModel.from_pretrained(f'{a.lam}/model', f'{a.a2l or a.lam + "/a2l"}/model'); C = wm.context
fr = lambda o: torch.from_numpy(resize_frames(o[None], 64)[0]).permute(2, 0, 1)
px = lambda f: [round(float(v), 1) for v in detect_paddle(f)]
def game(seed, keys):
    env = make_env(**ORACLE_SETTINGS); o, _ = env.reset(seed=seed); fs, acts = [fr(o)], []
    for k in keys: o, *_ = env.step(k); fs.append(fr(o)); acts.append(k)
    return torch.stack(fs), torch.tensor(acts)
for seed in range(90_000, 90_000 + a.n):
    for name, key in (('RIGHT', RIGHT), ('LEFT', LEFT)):
        keys = [NOOP] * C + [key] * a.steps
        f, k = game(seed, keys)
        real = px(f[C:])
        ids = list(range(C, C + a.steps))   # frame index of the last context frame
        ctx = torch.stack([f[i - C + 1:i + 1] for i in ids]); act = torch.stack([k[i - C + 1:i] for i in ids])
        wm.reset(ctx, act); one = px(wm.step(torch.full((len(ids),), key))); codes1 = wm.code.tolist()
        wm.reset(f[None, 1:C + 1], k[None, 1:C]); free, codes = [], []
        for s in range(a.steps):
            free += px(wm.step(torch.tensor([key]))); codes += wm.code.tolist()
        print(f'game {seed} held {name}\n  real     {real}\n  one step {one}  (codes {codes1})\n  free     {free}  (codes {codes})')
# the model one RIGHT from a real context at the stop, its paddle band rolled left by d px (all four frames)
f, k = game(90_000, [NOOP] * C + [RIGHT] * a.steps)
ctx = f[-C:]; acts = k[-C + 1:]
rows = slice(PADDLE_ROWS[0] - 1, PADDLE_ROWS[1] + 1)
out = []
for d in range(0, 9):
    c = ctx.clone(); band = c[:, :, rows, 8:60].clone()
    c[:, :, rows, 8:60] = torch.roll(band, -d, -1)
    wm.reset(c[None], acts[None]); nxt = wm.step(torch.tensor([RIGHT]))
    out.append((d, px(c[-1:])[0], px(nxt[None])[0], int(wm.code)))
print('shifted context at the stop, RIGHT: (shift, x in, x out, code)', out)
# free-running held RIGHT from the start: per step, where each of the LAM's codes would put the paddle
f, k = game(90_000, [NOOP] * C + [RIGHT] * a.steps)
wm.reset(f[None, 1:C + 1], k[None, 1:C]); n = wm.lam.n_codes
print('free run held RIGHT: x per code 0..%d, then the code a2l picks and the real x' % (n - 1))
for s in range(a.steps):
    ctx = wm.frames
    xs = px((wm.lam.decode_code(ctx.expand(n, -1, -1, -1, -1), torch.arange(n)) * 255).round().to(torch.uint8))
    o = wm.step(torch.tensor([RIGHT]))
    print(f'  step {s + 1}: in {px(ctx[:, -1])[0]}  per code {xs}  picked {int(wm.code)} -> {px(o[None])[0]}  real {px(f[C + 1 + s][None])[0]}')
