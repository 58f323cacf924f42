# Experiment: a keyed refiner (run 17's recipe) trained on contexts whose last frame is faded toward the base model's own
# guess of it (`alpha` real + (1 - alpha) guess, alpha drawn per clip): the fade a rollout shows (the base model drops the ball),
# taken from the model itself. Does it learn to restore a dimming ball instead of drawing it dimmer still?
import sys, time, json, math, argparse, torch, torch.nn.functional as F
from pathlib import Path
from gamemodels.core import world_model
from gamemodels.data import HELDOUT_SEED, ClipDataset
from gamemodels.world import *
sys.path.insert(0, str(Path(__file__).parent))
from palmod import hold_data
import snapdec, actref

def guesses(wm, clips, ids, bs=64):
    "The base model's guesses of frame C (from frames 0..C-1) and C+1 (from the real frames 1..C) of each clip: uint8 `[N, 2, 3, H, W]`."
    C, out = wm.context, []
    with torch.inference_mode():
        for i in range(0, len(ids), bs):
            f, a = clips.__getitems__(ids[i:i + bs])
            out.append(torch.stack([wm._next(f[:, :C], a[:, :C]), wm._next(f[:, 1:C + 1], a[:, 1:C + 1])], 1))
    return torch.cat(out)

def batch(clips, ids, G, sel, crop, clean, g):
    "Crops of (guess, faded context, target, keys) for the clips `sel` (positions in `ids`)."
    C = 4; f, a = clips.__getitems__([ids[i] for i in sel]); B = len(sel)
    ctx, target, guess = f[:, 1:C + 1].clone().float(), f[:, C + 1], G[sel, 1]
    alpha = torch.rand(B, generator=g); alpha = torch.where(torch.rand(B, generator=g) < clean, torch.ones(B), alpha)
    ctx[:, -1] = alpha[:, None, None, None] * ctx[:, -1] + (1 - alpha[:, None, None, None]) * G[sel, 0].float()
    ctx = ctx.round().to(torch.uint8)
    H = f.shape[-1]; fx, fy = detect_ball(target)
    on = ~torch.isnan(fx) & (torch.rand(B, generator=g) < 0.75)
    jit = lambda: torch.randint(-(crop // 4), crop // 4 + 1, (B,), generator=g)
    y = torch.where(on, (fy.nan_to_num(0).round().long() - crop // 2 + jit()), torch.randint(0, H - crop + 1, (B,), generator=g)).clamp(0, H - crop)
    x = torch.where(on, (fx.nan_to_num(0).round().long() - crop // 2 + jit()), torch.randint(0, H - crop + 1, (B,), generator=g)).clamp(0, H - crop)
    rows, cols = (y[:, None] + torch.arange(crop))[:, None, :, None], (x[:, None] + torch.arange(crop))[:, None, None, :]
    cut = lambda t: t[torch.arange(B)[:, None, None, None], torch.arange(t.shape[1])[None, :, None, None], rows, cols]
    batch.yx = (y, x)   # where each crop sits in the frame (for a refiner that sees coordinates)
    return cut(guess), cut(ctx.flatten(1, 2)).unflatten(1, (C, 3)), cut(target), a[:, 1:C + 1]

def clip_facts(store, clips, ids, C):
    """For the clips `ids`: the target frame's place in the store, the parity of its step in its game, which store frames show a
    ball, and the clips whose target shows a ball the last two context frames do not."""
    import bisect
    st = [int(x) for x in store.starts]
    git = clips.index[torch.tensor(ids)] + C + 1
    par = torch.tensor([(i - st[bisect.bisect_right(st, i) - 1]) % 2 for i in git.tolist()])
    seen = ~torch.isnan(detect_ball(store.frames)[0])
    return git, par, seen, torch.nonzero(seen[git] & ~seen[git - 1] & ~seen[git - 2])[:, 0]

def pick(n_ids, appear, boost, g, B=32, after=None, boost_after=0):
    "A batch of clip positions, its first `boost` share drawn from `appear`, the next `boost_after` share from `after`."
    sel = torch.randint(0, n_ids, (B,), generator=g); nb = int(B * boost)
    if boost: sel[:nb] = appear[torch.randint(0, len(appear), (nb,), generator=g)]
    if boost_after: na = int(B * boost_after); sel[nb:nb + na] = after[torch.randint(0, len(after), (na,), generator=g)]
    return sel.tolist()

class ClockRefiner(actref.ActRefiner):
    "`ActRefiner` that also sees the parity of the guessed frame's step in its game (two one-hot planes): the game's clock."
    def __init__(self, *a, coords=False, pos=False, **k):
        super().__init__(*a, **k)
        self.posmap = torch.nn.Parameter(torch.zeros(2, 64, 64)) if pos else None   # a learned position map instead of fixed coordinates
        self.coords, self.yx, extra = coords, None, 4 if coords else 2
        old = self.net[0]; new = torch.nn.Conv2d(old.in_channels + extra, old.out_channels, 3, padding=old.padding, dilation=old.dilation)
        with torch.no_grad(): new.weight.zero_(); new.weight[:, :old.in_channels] = old.weight; new.bias.copy_(old.bias)
        self.net[0] = new; self.par = None
    def load_plain(self, sd):
        w = sd['net.0.weight']; sd = dict(sd); sd['net.0.weight'] = torch.cat([w, torch.zeros_like(w[:, :4 if self.coords else 2])], 1); self.load_state_dict(sd)
    def forward(self, guess, ctx, acts):
        B, _, H, W = guess.shape
        first = self.net[0]; planes = F.one_hot(self.par, 2).float()[:, :, None, None].expand(B, 2, H, W)
        f = lambda t: t.float() / 255 if t.dtype == torch.uint8 else t
        g = f(guess); k = F.one_hot(acts[:, -self.keys:], self.n_actions).float().flatten(1)[:, :, None, None].expand(B, -1, H, W)
        x = torch.cat([(torch.cat([g, f(ctx[:, -self.context:]).flatten(1, 2)], 1) * 2 - 1), k, planes], 1)
        if self.coords:   # the pixel's place in the 64x64 frame, in [-1, 1]: crops pass their corner (`yx`), whole frames none
            y0, x0 = self.yx if self.yx is not None else (torch.zeros(B, dtype=torch.long), torch.zeros(B, dtype=torch.long))
            if self.posmap is not None:
                rows, cols = (y0[:, None] + torch.arange(H))[:, None, :, None], (x0[:, None] + torch.arange(W))[:, None, None, :]
                x = torch.cat([x, self.posmap[torch.arange(2)[None, :, None, None], rows, cols]], 1)
            else:
                ys = (y0[:, None] + torch.arange(H)).float() / 31.5 - 1; xs = (x0[:, None] + torch.arange(W)).float() / 31.5 - 1
                x = torch.cat([x, ys[:, None, :, None].expand(B, 1, H, W), xs[:, None, None, :].expand(B, 1, H, W)], 1)
        return self.combine(g, self.net(x))
    def combine(self, g, y): return g + y

class ClockStage(actref.Stage):
    "`actref.Stage` that counts steps: the guessed frame's step in its game (`t`, set by `reset` to the context's length)."
    def refine(self, guess, ctx):
        self.ref.par = torch.full((len(guess),), self.t % 2, dtype=torch.long); self.t += 1
        return super().refine(guess, ctx)

def clocked(wm, stage):
    "`actref.bind`, and a `reset` that starts the stage's clock: contexts are a game's first frames (`game_starts`)."
    wm = actref.bind(wm, stage); base = wm.reset
    def reset(frames, actions=None, **k): stage.t = torch.as_tensor(frames).shape[-4]; return base(frames, actions, **k)
    wm.reset = reset
    return wm

if __name__ == '__main__':
    p = argparse.ArgumentParser()
    p.add_argument('--model', default='diffusion'); p.add_argument('--out', default='runs/hold/degref'); p.add_argument('--init', default='runs/hold/actref_d0bs')
    p.add_argument('--clips', type=int, default=8000); p.add_argument('--crop', type=int, default=32); p.add_argument('--clean', type=float, default=0.3)
    p.add_argument('--steps', type=int, default=3000); p.add_argument('--minutes', type=float, default=10); p.add_argument('--lr', type=float, default=1e-3)
    p.add_argument('--w', type=float, default=40); p.add_argument('--eval-steps', type=int, default=600); p.add_argument('--clock', action='store_true'); p.add_argument('--no-eval', action='store_true'); p.add_argument('--coords', action='store_true'); p.add_argument('--pos', action='store_true'); p.add_argument('--new-boosted', action='store_true', help='the --wnew weight only on the boosted clips'); p.add_argument('--boost-fire', action='store_true'); p.add_argument('--above', type=int, default=0, help='moving: changed by more than this many levels')
    p.add_argument('--wnew', type=float, default=0, help="extra weight where the target shows something new: moved from the last context frame, away from what moved within the context")
    p.add_argument('--boost-after', type=float, default=0, help='share of each batch drawn from the step after a ball appears (in the last context frame only, still seen in the target)')
    p.add_argument('--boost', type=float, default=0, help='share of each batch drawn from clips where a ball appears (none in the last two context frames)')
    args = p.parse_args(); torch.set_num_threads(2); out = Path(args.out); out.mkdir(parents=True, exist_ok=True); t0 = time.perf_counter()
    store = hold_data(); pal = snapdec.palette(store, 128, 64); wm = world_model(args.model, refine=False)
    clips = ClipDataset(store, context=wm.context, horizon=2)
    ids = torch.randperm(len(clips), generator=torch.Generator().manual_seed(2))[:args.clips].sort().values.tolist()
    cache = Path(f'runs/hold/deg_guesses_{args.clips}.pt')
    if cache.exists(): G = torch.load(cache, weights_only=True)
    else: G = guesses(wm, clips, ids); torch.save(G, cache)
    print('guesses', round(time.perf_counter() - t0), flush=True)
    ref = ClockRefiner(wm.context - 1, 32, 2, dil=(1, 2, 2, 1), coords=args.coords or args.pos, pos=args.pos) if args.clock else actref.ActRefiner(wm.context - 1, 32, 2, dil=(1, 2, 2, 1))
    if args.init:
        sd = torch.load(Path(args.init) / 'ref.pt', weights_only=True)
        if args.clock and sd['net.0.weight'].shape[1] != ref.net[0].in_channels: ref.load_plain(sd)
        else: ref.load_state_dict(sd, strict=not args.pos)   # a position map starts at zero
    git, par, seen, appear = clip_facts(store, clips, ids, wm.context)
    if args.boost_fire:   # diagnosis: only the serves that follow a fresh FIRE (not a ball coming out of the bricks)
        A = store.actions; appear = appear[((A[git - 1] == 1) & (A[git - 2] != 1))[appear]]
    after = torch.nonzero(seen[git] & seen[git - 1] & ~seen[git - 2] & ~seen[git - 3])[:, 0]
    if args.boost_fire: A = store.actions; after = after[((A[git - 2] == 1) & (A[git - 3] != 1))[after]]
    print('clips where a ball appears', len(appear), 'the step after', len(after), flush=True)
    opt = torch.optim.Adam(ref.parameters(), lr=args.lr); g = torch.Generator().manual_seed(0)
    step, deadline = 0, time.perf_counter() + 60 * args.minutes
    while step < args.steps and time.perf_counter() < deadline:
        sel = pick(len(ids), appear, args.boost, g, after=after, boost_after=args.boost_after)
        gs, c, t, a = batch(clips, ids, G, sel, args.crop, args.clean, g); ref.par = par[sel]; ref.yx = batch.yx
        was = moving_mask(c[:, -2], c[:, -1], 4, above=args.above); wt = 1 + args.w * was.float()
        if args.wnew:
            nw = (moving_mask(c[:, -1], t, above=args.above) & ~was).float()
            if args.new_boosted: nw[int(32 * args.boost):] = 0   # only on the clips drawn for their serve
            wt = wt + args.wnew * nw
        d = ref(gs, c, a) - t.float() / 255; loss = (d ** 2 * wt).mean()
        for q in opt.param_groups: q['lr'] = args.lr * 0.5 * (1 + math.cos(math.pi * step / args.steps))
        opt.zero_grad(); loss.backward(); opt.step(); step += 1
        if step % 200 == 0: print(step, round(loss.item(), 6), flush=True)
    ref.yx = None; torch.save(ref.state_dict(), out / 'ref.pt'); ref.eval(); print('trained', step, round(time.perf_counter() - t0), flush=True)
    if args.clock:   # whole frames, real contexts: a fresh FIRE with no ball in sight, served or not
        A = store.actions; gt = git; fresh = (A[gt - 1] == 1) & (A[gt - 2] != 1) & ~seen[gt - 1] & ~seen[gt - 2] & ~seen[gt - 3]
        for name, m in (('served', fresh & seen[gt]), ('not served', fresh & ~seen[gt])):
            sel = torch.nonzero(m)[:, 0][:64].tolist(); f, a = clips.__getitems__([ids[i] for i in sel]); ref.par = par[sel]
            with torch.inference_mode(): r = (ref(G[sel, 1], f[:, 1:5], a[:, 1:5]).clamp(0, 1) * 255).permute(0, 2, 3, 1)
            q = pal[snapdec.nearest(r, pal)[1]].round().to(torch.uint8).permute(0, 3, 1, 2).contiguous()
            print('fresh FIRE,', name, len(sel), 'ball drawn', round((~torch.isnan(detect_ball(q)[0])).float().mean().item(), 3), 'real', round((~torch.isnan(detect_ball(f[:, 5])[0])).float().mean().item(), 3), flush=True)
    if args.no_eval: sys.exit()
    mk = (lambda: clocked(world_model(args.model, refine=False), ClockStage(ref, pal))) if args.clock else (lambda: actref.bind(world_model(args.model, refine=False), actref.Stage(ref, pal)))
    print('tracking', ball_tracking(mk(), record_heldout(2, 800), n=128), flush=True)
    actref.play_eval(mk(), out, args.eval_steps, args=vars(args), steps=step, seconds=round(time.perf_counter() - t0))
