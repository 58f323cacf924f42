# Experiment: a full-resolution diffusion refiner. It draws the correction (real next frame - the base model's guess) from
# noise, conditioned on the guess, the last three frames and the last two keys: a sample where the keyed mean refiner (run 17)
# draws an average, so an unsure ball or a serve comes out whole, at one place, or not at all. Output snapped to the palette.
import sys, time, json, math, argparse, torch, torch.nn as nn, torch.nn.functional as F
from pathlib import Path
from gamemodels.core import world_model
from gamemodels.data import HELDOUT_SEED, ClipDataset
from gamemodels.diffusion import edm_scalings, sample_sigma, karras_sigmas, euler_sample
from gamemodels.world import *
sys.path.insert(0, str(Path(__file__).parent))
from palmod import hold_data
import snapdec, actref

class DiffRef(nn.Module):
    "F(c_in x, conditions, c_noise): the EDM-preconditioned network over the correction `x` `[B, 3, H, W]` (in [-1, 1] units)."
    def __init__(self, context=3, width=32, keys=2, n_actions=4, dil=(1, 2, 4, 8, 4, 2, 1)):
        super().__init__()
        self.context, self.keys, self.n_actions = context, keys, n_actions
        conv = lambda i, o, d=1: nn.Conv2d(i, o, 3, padding=d, dilation=d)
        layers, c = [], 3 + 3 * (context + 1) + keys * n_actions + 1
        for d in dil: layers += [conv(c, width, d), nn.SiLU()]; c = width
        self.net = nn.Sequential(*layers, conv(width, 3))
    def cond(self, guess, ctx, acts):
        "The conditioning planes: guess and context in [-1, 1], keys one-hot."
        f = lambda t: t.float() / 127.5 - 1
        B, _, H, W = guess.shape
        k = F.one_hot(acts[:, -self.keys:], self.n_actions).float().flatten(1)[:, :, None, None].expand(B, -1, H, W)
        return torch.cat([f(guess), f(ctx[:, -self.context:]).flatten(1, 2), k], 1)
    def denoise(self, x, sigma, cond):
        "The clean correction's estimate D(x, sigma)."
        c_in, c_skip, c_out, c_noise = (v[:, None, None, None] for v in edm_scalings(sigma))
        plane = c_noise.expand(-1, 1, *x.shape[-2:])
        return c_skip * x + c_out * self.net(torch.cat([c_in * x, cond, plane], 1))

def loss(model, g, c, t, a, w=40.0):
    "EDM loss on the correction, pixels weighted 1 + w near what moved between the last two context frames."
    x0 = (t.float() - g.float()) / 127.5
    sigma = sample_sigma(len(g)); x = x0 + sigma[:, None, None, None] * torch.randn_like(x0)
    wt = 1 + w * moving_mask(c[:, -2], c[:, -1], 4).float()
    d = model.denoise(x, sigma, model.cond(g, c, a)) - x0
    lam = (1 / edm_scalings(sigma)[2] ** 2)[:, None, None, None]            # EDM's weight: the loss per noise level ~ 1
    return (d ** 2 * lam * wt).mean()

class DiffStage:
    "The diffusion refiner as a world model's refiner (`actref.bind` leaves the keys on it): `steps` Euler steps, snapped."
    def __init__(self, ref, pal, steps=3, sigma_max=5.0, sigma_min=0.05, seed=0):
        self.ref, self.pal, self.acts, self.sigmas = ref, pal, None, karras_sigmas(steps, sigma_min, sigma_max)
        self.g = torch.Generator().manual_seed(seed)
    @torch.inference_mode()
    def refine(self, guess, ctx):
        cond = self.ref.cond(guess, ctx, self.acts)
        noise = torch.randn(guess.shape, generator=self.g)
        r = euler_sample(lambda x, s: self.ref.denoise(x, s.float().expand(len(x)), cond), noise, self.sigmas)
        out = (guess.float() + r * 127.5).clamp(0, 255).permute(0, 2, 3, 1)
        return self.pal[snapdec.nearest(out, self.pal)[1]].round().to(torch.uint8).permute(0, 3, 1, 2).contiguous()

def key_clips(wm, store, n, crop):
    "`actref.KeyClips` of `n` clips (seed 1), its guesses made once and kept in `runs/hold/` (shared with `evtref.py`)."
    cache = Path(f'runs/hold/evt_guesses_{n}_{crop}.pt')
    if not cache.exists():
        data = actref.KeyClips(wm, ClipDataset(store, context=wm.context, horizon=1), crop=crop, n=n, seed=1)
        torch.save(dict(ids=data.ids, k=data.k, guesses=data.guesses), cache); return data
    data = actref.KeyClips.__new__(actref.KeyClips); c_ = torch.load(cache, weights_only=True)
    data.model, data.clips, data.crop, data.focus_share, data.seed, data.ctx = wm, ClipDataset(store, context=wm.context, horizon=1), crop, 0.75, 1, None
    data.focus = lambda fr: detect_ball(fr); data.ids, data.k, data.guesses, data.actions = c_['ids'], c_['k'], c_['guesses'], False
    return data

if __name__ == '__main__':
    p = argparse.ArgumentParser()
    p.add_argument('--model', default='diffusion'); p.add_argument('--out', default='runs/hold/diffref')
    p.add_argument('--width', type=int, default=32); p.add_argument('--dil', default='1,2,4,8,4,2,1'); p.add_argument('--crop', type=int, default=32)
    p.add_argument('--clips', type=int, default=16000); p.add_argument('--steps', type=int, default=6000); p.add_argument('--minutes', type=float, default=15)
    p.add_argument('--lr', type=float, default=2e-3); p.add_argument('--w', type=float, default=40); p.add_argument('--eval-steps', type=int, default=600)
    p.add_argument('--sampling-steps', type=int, default=3); p.add_argument('--sigma-min', type=float, default=0.05); p.add_argument('--sigma-max', type=float, default=5.0)
    p.add_argument('--eval-only', action='store_true', help='load OUT/ref.pt and evaluate')
    args = p.parse_args(); torch.set_num_threads(2); out = Path(args.out); out.mkdir(parents=True, exist_ok=True); t0 = time.perf_counter()
    store = hold_data(); pal = snapdec.palette(store, 128, 64); wm = world_model(args.model, refine=False)
    data = key_clips(wm, store, args.clips, args.crop); print('guesses', round(time.perf_counter() - t0), flush=True)
    torch.manual_seed(0)
    ref = DiffRef(wm.context - 1, args.width, 2, dil=tuple(map(int, args.dil.split(','))))
    opt = torch.optim.Adam(ref.parameters(), lr=args.lr); g = torch.Generator().manual_seed(0)
    step, deadline, run = 0, time.perf_counter() + 60 * args.minutes, 0.0
    if args.eval_only: ref.load_state_dict(torch.load(out / 'ref.pt', weights_only=True)); step = -1
    while not args.eval_only and step < args.steps and time.perf_counter() < deadline:
        gs, c, t, a = data.__getitems__(torch.randint(0, len(data), (32,), generator=g).tolist())
        l = loss(ref, gs, c, t, a, args.w)
        for q in opt.param_groups: q['lr'] = args.lr * min(1, (step + 1) / 200) * 0.5 * (1 + math.cos(math.pi * step / args.steps))
        opt.zero_grad(); l.backward(); opt.step(); step += 1; run = 0.98 * run + 0.02 * l.item()
        if step % 250 == 0: print(step, round(run, 5), flush=True)
    if not args.eval_only: torch.save(ref.state_dict(), out / 'ref.pt')
    ref.eval(); print('trained', step, round(time.perf_counter() - t0), flush=True)
    mk = lambda: actref.bind(world_model(args.model, refine=False), DiffStage(ref, pal, args.sampling_steps, sigma_max=args.sigma_max, sigma_min=args.sigma_min))
    print('tracking', ball_tracking(mk(), record_heldout(2, 800), n=128), flush=True)
    actref.play_eval(mk(), out, args.eval_steps, args=vars(args), steps=step, seconds=round(time.perf_counter() - t0))
