# Experiment: a regression refiner that also sees the keys (so it can serve), its output snapped to the data's palette.
# Rounds: round 0 trains on the base model's own guesses; round r > 0 on contexts rolled by the base model with the
# previous round's refiner (snapped) in the loop, so that it learns from the frames it will meet in play.
import sys, time, json, argparse, torch, torch.nn as nn, torch.nn.functional as F
from pathlib import Path
from functools import partial
from gamemodels.core import world_model
from gamemodels.data import HELDOUT_SEED, ClipDataset
from gamemodels.world import *
sys.path.insert(0, str(Path(__file__).parent))
from palmod import hold_data
import snapdec

class ActRefiner(nn.Module):
    "(guess, last `context` frames, last `keys` actions) -> the corrected next frame, as `DetailRefiner` plus one-hot key planes."
    def __init__(self, context=3, width=48, keys=2, n_actions=4, dil=(1, 2, 4, 2, 1), hyp=1):
        super().__init__()
        self.context, self.keys, self.n_actions, self.hyp = context, keys, n_actions, hyp
        conv = lambda i, o, d=1: nn.Conv2d(i, o, 3, padding=d, dilation=d)
        layers, c = [], 3 * (context + 1) + keys * n_actions
        for d in dil: layers += [conv(c, width, d), nn.SiLU()]; c = width
        self.net = nn.Sequential(*layers, conv(width, 3 * hyp))
        nn.init.zeros_(self.net[-1].weight); nn.init.zeros_(self.net[-1].bias)
        if hyp > 1: nn.init.normal_(self.net[-1].weight, std=1e-3)   # the guesses must differ to be told apart
        if hyp > 1: self.pick = nn.Linear(width, hyp)    # which of the `hyp` guesses: from the features' maxima (the same on crops and frames)
    def forward(self, guess, ctx, acts):
        f = lambda t: t.float() / 255 if t.dtype == torch.uint8 else t
        g, (B, _, H, W) = f(guess), guess.shape
        k = F.one_hot(acts[:, -self.keys:], self.n_actions).float().flatten(1)[:, :, None, None].expand(B, -1, H, W)
        x = torch.cat([(torch.cat([g, f(ctx[:, -self.context:]).flatten(1, 2)], 1) * 2 - 1), k], 1)
        if self.hyp == 1: return g + self.net(x)
        h = self.net[:-1](x)
        out = g[:, None] + self.net[-1](h).unflatten(1, (self.hyp, 3))          # B K 3 H W
        return out, self.pick(h.amax((-1, -2)))

class Stage:
    "The refiner as a world model's refiner: `refine(guess, ctx)` reads the keys `bind` left on it; output snapped to `pal`."
    def __init__(self, ref, pal, conc=0.0, seed=0): self.ref, self.pal, self.conc, self.acts, self.g = ref, pal, conc, None, torch.Generator().manual_seed(seed)
    @torch.inference_mode()
    def refine(self, guess, ctx):
        r = self.ref(guess, ctx, self.acts)
        if isinstance(r, tuple):   # several guesses: draw one for each game by the refiner's odds
            k = torch.multinomial(r[1].softmax(-1), 1, generator=self.g)[:, 0]
            r = r[0][torch.arange(len(k)), k]
        r = (r.clamp(0, 1) * 255).permute(0, 2, 3, 1)
        if self.pal is None: return r.round().to(torch.uint8).permute(0, 3, 1, 2).contiguous()
        q = self.pal[snapdec.nearest(r, self.pal)[1]]
        if self.conc: q = snapdec.concentrate(r, q, self.pal, self.conc)
        return q.round().to(torch.uint8).permute(0, 3, 1, 2).contiguous()

def bind(wm, stage):
    "Let `stage` see the keys: wrap `wm._next` so each call leaves its actions on the stage."
    base = wm._next
    def _next(frames, acts): stage.acts = acts; return base(frames, acts)
    wm._next, wm.refiner = _next, stage
    return wm

class Looped:
    "The base model followed by a stage, as `RefinerClips` calls a model (`_next`)."
    def __init__(self, wm, stage): self.wm, self.stage, self.context = wm, stage, wm.context
    def _next(self, frames, acts):
        self.stage.acts = acts; return self.stage.refine(self.wm._next(frames, acts), frames)

class KeyClips(RefinerClips):
    "`RefinerClips` that also give the keys up to the guessed step: `(guess, ctx, next, acts [B, C])`."
    def __getitems__(self, ids):
        g, c, t = super().__getitems__(ids)
        _, a = self.clips.__getitems__(self.ids[ids].tolist())
        k = self.k[ids][:, None] + torch.arange(self.model.context)
        return g, c, t, a.gather(1, k)

def loss(model, batch, blind=False, w=40.0, eps=0.05, pick_w=0.01):
    """`refiner_loss` (expectile, weights from the target's moving pixels), or with `blind` a plain squared error weighted `1 + w`
    near what moved between the last two context frames: weights that never look at the target keep each pixel's optimum the mean."""
    g, c, t, a = batch
    if not blind: return refiner_loss(lambda g_, c_: model(g_, c_, a), (g, c, t), w=w)
    wt = 1 + w * moving_mask(c[:, -2], c[:, -1], 4).float()
    if blind == 'target': wt = 1 + w * moving_mask(c[:, -1], t, 2).float() + w * moving_mask(c[:, -2], c[:, -1], 2).float()
    out = model(g, c, a)
    if not isinstance(out, tuple):
        d = out - t.float() / 255
        return (d ** 2 * wt).mean(), dict(mse=(d ** 2).mean().detach())
    frames, logits = out                                         # several guesses: the best one learns (winner takes most)
    K = frames.shape[1]
    e = ((frames - t[:, None].float() / 255) ** 2 * wt[:, None]).mean((2, 3, 4))     # B K
    best = e.argmin(1)
    share = torch.full_like(e, eps / (K - 1)).scatter(1, best[:, None], 1 - eps)
    ce = F.cross_entropy(logits, best)
    return (e * share).sum(1).mean() + pick_w * ce, dict(mse=e.gather(1, best[:, None]).mean().detach(), ce=ce.detach())

def play_eval(wm, out, T, **extra):
    "The quick evaluation: `play_figures` over `T` steps (4 + 4 games) beside the real game; `out/strip.png`, `out/result.json` (with `extra`)."
    real = closed_loop(RealGame(HELDOUT_SEED + 2000, wm.context), T, 4)
    pf = play_figures(wm, T, 4, real=real, keep=tuple(t for t in (10, 100, 300, 600, 1000, 3000) if t <= T))
    from PIL import Image
    Image.fromarray(strip_image(pf['strip'])).save(Path(out) / 'strip.png')
    res = {k: v for k, v in pf.items() if k not in ('curves', 'strip')}
    res.update(extra); (Path(out) / 'result.json').write_text(json.dumps(res, indent=1)); print(json.dumps(res), flush=True)
    return res

if __name__ == '__main__':
    p = argparse.ArgumentParser()
    p.add_argument('--model', default='diffusion'); p.add_argument('--out', default='runs/hold/actref')
    p.add_argument('--minutes', type=float, default=15); p.add_argument('--steps', type=int, default=3000)
    p.add_argument('--clips', type=int, default=6000); p.add_argument('--loop', type=int, default=0)
    p.add_argument('--width', type=int, default=48); p.add_argument('--keys', type=int, default=2)
    p.add_argument('--init', default=None, help='a previous round: its refiner goes in the loop and starts this one')
    p.add_argument('--crop', type=int, default=64); p.add_argument('--lr', type=float, default=2e-3)
    p.add_argument('--eval-steps', type=int, default=600); p.add_argument('--conc', type=float, default=0)
    p.add_argument('--blind', nargs='?', const=True, default=False, help="weights blind to the target; 'target': refiner_loss's weights with the plain squared error"); p.add_argument('--hyp', type=int, default=1); p.add_argument('--dil', default='1,2,4,2,1'); p.add_argument('--from-single', default=None, help='start every guess from this one-guess run, each nudged'); p.add_argument('--w', type=float, default=40)
    args = p.parse_args(); torch.set_num_threads(2); out = Path(args.out); out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    store = hold_data(); pal = snapdec.palette(store, 128, 64)
    wm = world_model(args.model, refine=False)
    dil = tuple(map(int, args.dil.split(',')))
    ref = ActRefiner(wm.context - 1, args.width, args.keys, dil=dil, hyp=args.hyp)
    model = wm
    if args.from_single:   # every guess starts as the trained single guess, nudged apart
        sd = torch.load(Path(args.from_single) / 'ref.pt', weights_only=True)
        last = f'net.{len(ref.net) - 1}'
        w, b = sd.pop(f'{last}.weight'), sd.pop(f'{last}.bias')
        ref.load_state_dict(sd, strict=False)
        with torch.no_grad():
            ref.net[-1].weight.copy_(w.repeat(args.hyp, 1, 1, 1) + 0.02 * w.std() * torch.randn(3 * args.hyp, *w.shape[1:]))
            ref.net[-1].bias.copy_(b.repeat(args.hyp))
    if args.init:
        ref.load_state_dict(torch.load(Path(args.init) / 'ref.pt', weights_only=True))
        prev = ActRefiner(wm.context - 1, args.width, args.keys, dil=dil, hyp=args.hyp); prev.load_state_dict(ref.state_dict()); prev.eval()
        model = Looped(wm, Stage(prev, pal, args.conc))
    data = KeyClips(model, ClipDataset(store, context=wm.context, horizon=args.loop + 1), crop=args.crop, n=args.clips, seed=len(str(args.init)))
    print('guesses', round(time.perf_counter() - t0), flush=True)
    from gamemodels.train import fit_within
    r = fit_within(args.minutes, ref, partial(loss, blind=args.blind, w=args.w), data, steps=args.steps, batch_size=32, lr=args.lr, lr_schedule='cosine',
                   warmup=min(100, args.steps // 10), run_dir=out / 'run', ckpt_every=500, seed=0, progress=False, log_every=200)
    print('trained', r, round(time.perf_counter() - t0), flush=True)
    torch.save(ref.state_dict(), out / 'ref.pt')
    play_eval(bind(world_model(args.model, refine=False), Stage(ref.eval(), pal, args.conc)), out, args.eval_steps, args=vars(args), train=r, seconds=round(time.perf_counter() - t0))
