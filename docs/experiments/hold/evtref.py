# Experiment: a keyed refiner told whether a surprise happens, and a head that says how likely one is; in play the surprise
# is drawn by those odds. A surprise is a clip whose real next frame the mean refiner (run 17) misses by more than `tau` on
# some pixel: a serve, a bounce it did not see coming. One bit, drawn per step: the picture is the same either way
# wherever the two answers are close (`--gate`), so only what the bit is about can differ between draws.
import sys, time, json, math, argparse, torch, torch.nn as nn, torch.nn.functional as F
from pathlib import Path
from gamemodels.core import world_model
from gamemodels.data import HELDOUT_SEED, ClipDataset
from gamemodels.world import *
sys.path.insert(0, str(Path(__file__).parent))
from palmod import hold_data
import snapdec, actref

class EvtRefiner(nn.Module):
    "`ActRefiner` with one more input plane, the surprise bit `s`, and `odds(guess, ctx, acts)`: the logit of a surprise."
    def __init__(self, context=3, width=32, keys=2, n_actions=4, dil=(1, 2, 2, 1), head=16):
        super().__init__()
        self.base = actref.ActRefiner(context, width, keys, n_actions, dil)
        c = self.base.net[0].in_channels
        old = self.base.net[0]; new = nn.Conv2d(c + 1, old.out_channels, 3, padding=old.padding, dilation=old.dilation)
        with torch.no_grad(): new.weight.zero_(); new.weight[:, :c] = old.weight; new.bias.copy_(old.bias)
        self.base.net[0] = new
        self.head = nn.Sequential(nn.Conv2d(c, head, 3, 2, 1), nn.SiLU(), nn.Conv2d(head, head, 3, 2, 1), nn.SiLU(), nn.Conv2d(head, head, 3, 1, 1))
        self.out = nn.Linear(head, 1)
    def inputs(self, guess, ctx, acts):
        f = lambda t: t.float() / 255 if t.dtype == torch.uint8 else t
        b, g, (B, _, H, W) = self.base, f(guess), guess.shape
        k = F.one_hot(acts[:, -b.keys:], b.n_actions).float().flatten(1)[:, :, None, None].expand(B, -1, H, W)
        return g, torch.cat([(torch.cat([g, f(ctx[:, -b.context:]).flatten(1, 2)], 1) * 2 - 1), k], 1)
    def forward(self, guess, ctx, acts, s):
        g, x = self.inputs(guess, ctx, acts)
        plane = s.float()[:, None, None, None].expand(-1, 1, *x.shape[-2:])
        return g + self.base.net(torch.cat([x, plane], 1))
    def odds(self, guess, ctx, acts):
        _, x = self.inputs(guess, ctx, acts)
        return self.out(self.head(x).amax((-1, -2)))[:, 0]
    def load_mean(self, sd):
        "Start from a trained one-guess `ActRefiner` (its state dict): the bit's plane starts with no effect."
        w = sd['net.0.weight']; sd = dict(sd); sd['net.0.weight'] = torch.cat([w, torch.zeros_like(w[:, :1])], 1)
        self.base.load_state_dict(sd)

class EvtStage:
    "As `actref.Stage`, drawing the bit per game by the head's odds; where both answers are within `gate`, the no-surprise one."
    def __init__(self, ref, pal, gate=0.1, seed=0, force=None): self.ref, self.pal, self.gate, self.acts, self.force = ref, pal, gate, None, force; self.g = torch.Generator().manual_seed(seed); self.drawn = []
    @torch.inference_mode()
    def refine(self, guess, ctx):
        B = len(guess); zero = torch.zeros(B)
        r0 = self.ref(guess, ctx, self.acts, zero)
        p = torch.sigmoid(self.ref.odds(guess, ctx, self.acts)) if self.force is None else torch.full((B,), float(self.force))
        s = torch.rand(B, generator=self.g) < p; self.drawn.append(s.float().mean().item())
        r = r0
        if s.any():
            r1 = self.ref(guess[s], ctx[s], self.acts[s], torch.ones(int(s.sum())))
            r = r0.clone(); r[s] = torch.where((r1 - r0[s]).abs().amax(1, keepdim=True) > self.gate, r1, r0[s])
        r = (r.clamp(0, 1) * 255).permute(0, 2, 3, 1)
        q = self.pal[snapdec.nearest(r, self.pal)[1]]
        return q.round().to(torch.uint8).permute(0, 3, 1, 2).contiguous()

def labels(mean, data, tau, bs=256):
    "The surprise bit of every clip of `data` (`KeyClips`): the mean refiner misses its real next frame by over `tau` somewhere."
    out = []
    with torch.inference_mode():
        for i in range(0, len(data), bs):
            g, c, t, a = data.__getitems__(list(range(i, min(i + bs, len(data)))))
            m = mean(g, c, a).clamp(0, 1)
            out.append(((t.float() / 255 - m).abs().amax(1).flatten(1) > tau).any(1))
    return torch.cat(out)

if __name__ == '__main__':
    p = argparse.ArgumentParser()
    p.add_argument('--model', default='diffusion'); p.add_argument('--out', default='runs/hold/evtref'); p.add_argument('--mean', default='runs/hold/actref_d0bs')
    p.add_argument('--width', type=int, default=32); p.add_argument('--dil', default='1,2,2,1'); p.add_argument('--crop', type=int, default=32)
    p.add_argument('--clips', type=int, default=16000); p.add_argument('--tau', type=float, default=0.3); p.add_argument('--gate', type=float, default=0.1)
    p.add_argument('--steps', type=int, default=3000); p.add_argument('--minutes', type=float, default=10); p.add_argument('--lr', type=float, default=1e-3)
    p.add_argument('--w', type=float, default=40); p.add_argument('--bce', type=float, default=0.01); p.add_argument('--eval-steps', type=int, default=600)
    args = p.parse_args(); torch.set_num_threads(2); out = Path(args.out); out.mkdir(parents=True, exist_ok=True); t0 = time.perf_counter()
    store = hold_data(); pal = snapdec.palette(store, 128, 64)
    wm = world_model(args.model, refine=False); dil = tuple(map(int, args.dil.split(',')))
    mean = actref.ActRefiner(wm.context - 1, args.width, 2, dil=dil); sd = torch.load(Path(args.mean) / 'ref.pt', weights_only=True); mean.load_state_dict(sd); mean.eval()
    cache = Path(f'runs/hold/evt_guesses_{args.clips}_{args.crop}.pt')       # the base model's guesses, made once
    if cache.exists():
        data = actref.KeyClips.__new__(actref.KeyClips); c_ = torch.load(cache, weights_only=True)
        data.model, data.clips, data.crop, data.focus_share, data.seed, data.ctx = wm, ClipDataset(store, context=wm.context, horizon=1), args.crop, 0.75, 1, None
        data.focus = lambda fr: detect_ball(fr); data.ids, data.k, data.guesses, data.actions = c_['ids'], c_['k'], c_['guesses'], False
    else:
        data = actref.KeyClips(wm, ClipDataset(store, context=wm.context, horizon=1), crop=args.crop, n=args.clips, seed=1)
        torch.save(dict(ids=data.ids, k=data.k, guesses=data.guesses), cache)
    s_all = labels(mean, data, args.tau); rate = float(s_all.float().mean())
    print('guesses + labels', round(time.perf_counter() - t0), 'surprise rate', round(rate, 4), flush=True)
    ref = EvtRefiner(wm.context - 1, args.width, 2, dil=dil); ref.load_mean(sd)
    opt = torch.optim.Adam(ref.parameters(), lr=args.lr); g = torch.Generator().manual_seed(0)
    pos_w = torch.tensor((1 - rate) / max(rate, 1e-4))        # the head's classes weighed evenly; its odds are read back below
    log, step, deadline = [], 0, time.perf_counter() + 60 * args.minutes
    while step < args.steps and time.perf_counter() < deadline:
        ids = torch.randint(0, len(data), (32,), generator=g).tolist()
        gs, c, t, a = data.__getitems__(ids); s = s_all[ids]
        wt = 1 + args.w * moving_mask(c[:, -2], c[:, -1], 4).float()
        d = ref(gs, c, a, s) - t.float() / 255
        mse = (d ** 2 * wt).mean(); bce = F.binary_cross_entropy_with_logits(ref.odds(gs, c, a), s.float(), pos_weight=pos_w)
        lr = args.lr * 0.5 * (1 + math.cos(math.pi * step / args.steps)); [q.__setitem__('lr', lr) for q in opt.param_groups]
        opt.zero_grad(); (mse + args.bce * bce).backward(); opt.step(); step += 1
        if step % 200 == 0: print(step, round(mse.item(), 6), round(bce.item(), 4), flush=True)
    # the head was trained on balanced classes: shift its logit back to the data's odds
    with torch.no_grad(): ref.out.bias -= math.log(pos_w.item())
    torch.save(ref.state_dict(), out / 'ref.pt'); print('trained', step, round(time.perf_counter() - t0), flush=True)
    ref.eval()
    with torch.inference_mode():   # the head on held clips of the training kind: mean odds where the bit is on and off
        ids = list(range(0, len(data), 7))[:2000]; gs, c, t, a = data.__getitems__(ids); pr = torch.sigmoid(ref.odds(gs, c, a)); s = s_all[ids]
        print('odds on surprises', round(float(pr[s].mean()), 3), 'elsewhere', round(float(pr[~s].mean()), 3), flush=True)
    stage = EvtStage(ref, pal, args.gate)
    print('tracking', ball_tracking(actref.bind(world_model(args.model, refine=False), stage), record_heldout(2, 800), n=128), flush=True)
    stage = EvtStage(ref, pal, args.gate); wm = actref.bind(world_model(args.model, refine=False), stage)
    res = actref.play_eval(wm, out, args.eval_steps, args=vars(args), steps=step, surprise_rate=rate, seconds=round(time.perf_counter() - t0))
    res['drawn'] = sum(stage.drawn) / len(stage.drawn); (out / 'result.json').write_text(json.dumps(res, indent=1))   # the share of steps the bit was on
