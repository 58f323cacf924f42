# Experiment: run 25's refiner (keys, clock, position map, faded contexts) with an event head. Besides the frame (a mean, which
# tracks the ball) it gives, at each pixel where nothing moved in the context, the odds that something appears there (`gate`,
# binary cross-entropy against "changed by over 32 levels") and what appears (`col`, squared error on those pixels only).
# In play a pixel whose odds are over one half shows `col`: the mode of the event, not its mean, so a serve is drawn at full
# strength where it is likely and not at all where it is not (a mean weighted toward what appears drew specks: run 28).
import sys, time, json, math, argparse, torch, torch.nn.functional as F
from pathlib import Path
from gamemodels.core import world_model
from gamemodels.data import ClipDataset
from gamemodels.world import *
sys.path.insert(0, str(Path(__file__).parent))
from palmod import hold_data
import snapdec, actref, degref

class GateRefiner(degref.ClockRefiner):
    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        old = self.net[-1]; new = torch.nn.Conv2d(old.in_channels, 7, 3, padding=old.padding, dilation=old.dilation)
        with torch.no_grad(): new.weight.zero_(); new.bias.zero_(); new.bias[3] = -4.0
        self.net[-1] = new
    def load_from(self, sd):
        sd = dict(sd); w, b = sd.pop('net.%d.weight' % (len(self.net) - 1)), sd.pop('net.%d.bias' % (len(self.net) - 1))
        self.load_state_dict(sd, strict=False)
        with torch.no_grad(): self.net[-1].weight[:3] = w; self.net[-1].bias[:3] = b
    def combine(self, g, y): return g + y[:, :3], y[:, 3:4], g + y[:, 4:7]   # the frame, the odds (logits), what appears
    def heads(self, guess, ctx, acts): return super().forward(guess, ctx, acts)
    def forward(self, guess, ctx, acts):
        reg, gate, col = self.heads(guess, ctx, acts)
        was = moving_mask(ctx[:, -2], ctx[:, -1], 4, above=32)
        return torch.where((gate > 0) & ~was, col, reg)

if __name__ == '__main__':
    p = argparse.ArgumentParser()
    p.add_argument('--out', default='runs/hold/gate'); p.add_argument('--init', default='runs/hold/deg5'); p.add_argument('--clips', type=int, default=8000)
    p.add_argument('--steps', type=int, default=3000); p.add_argument('--minutes', type=float, default=12); p.add_argument('--lr', type=float, default=1e-3)
    p.add_argument('--boost', type=float, default=0.1); p.add_argument('--wg', type=float, default=1.0); p.add_argument('--wc', type=float, default=1.0)
    p.add_argument('--eval-steps', type=int, default=600)
    args = p.parse_args(); torch.set_num_threads(2); out = Path(args.out); out.mkdir(parents=True, exist_ok=True); t0 = time.perf_counter()
    store = hold_data(); pal = snapdec.palette(store, 128, 64); wm = world_model('diffusion', refine=False)
    clips = ClipDataset(store, context=wm.context, horizon=2)
    ids = torch.randperm(len(clips), generator=torch.Generator().manual_seed(2))[:args.clips].sort().values.tolist()
    G = torch.load(f'runs/hold/deg_guesses_{args.clips}.pt', weights_only=True)
    ref = GateRefiner(wm.context - 1, 32, 2, dil=(1, 2, 2, 1), coords=True, pos=True)
    ref.load_from(torch.load(Path(args.init) / 'ref.pt', weights_only=True))
    git, par, seen, appear = degref.clip_facts(store, clips, ids, wm.context)
    opt = torch.optim.Adam(ref.parameters(), lr=args.lr); g = torch.Generator().manual_seed(0)
    step, deadline = 0, time.perf_counter() + 60 * args.minutes
    while step < args.steps and time.perf_counter() < deadline:
        sel = degref.pick(len(ids), appear, args.boost, g)
        gs, c, t, a = degref.batch(clips, ids, G, sel, 32, 0.3, g); ref.par = par[sel]; ref.yx = degref.batch.yx
        reg, gate, col = ref.heads(gs, c, a); tt = t.float() / 255
        was = moving_mask(c[:, -2], c[:, -1], 4, above=32); quiet = ~was
        app = moving_mask(c[:, -1], t, 0, above=32)
        l_reg = ((reg - tt) ** 2 * (1 + 40 * was.float())).mean()
        l_gate = (F.binary_cross_entropy_with_logits(gate, app.float(), reduction='none') * quiet).sum() / quiet.sum().clamp(min=1)
        on = (app & quiet).float(); l_col = (((col - tt) ** 2) * on).sum() / (3 * on.sum()).clamp(min=1)
        loss = l_reg + args.wg * l_gate + args.wc * l_col
        for q in opt.param_groups: q['lr'] = args.lr * 0.5 * (1 + math.cos(math.pi * step / args.steps))
        opt.zero_grad(); loss.backward(); opt.step(); step += 1
        if step % 200 == 0: print(step, round(l_reg.item(), 6), round(l_gate.item(), 5), round(l_col.item(), 5), flush=True)
    ref.yx = None; torch.save(ref.state_dict(), out / 'ref.pt'); ref.eval(); print('trained', step, round(time.perf_counter() - t0), flush=True)
    A = store.actions; gt = git; fresh = (A[gt - 1] == 1) & (A[gt - 2] != 1) & ~seen[gt - 1] & ~seen[gt - 2] & ~seen[gt - 3]
    for name, m in (('served', fresh & seen[gt]), ('not served', fresh & ~seen[gt])):
        sl = torch.nonzero(m)[:, 0][:64].tolist(); f, a = clips.__getitems__([ids[i] for i in sl]); ref.par = par[sl]
        with torch.inference_mode(): r = (ref(G[sl, 1], f[:, 1:5], a[:, 1:5]).clamp(0, 1) * 255).permute(0, 2, 3, 1)
        q = pal[snapdec.nearest(r, pal)[1]].round().to(torch.uint8).permute(0, 3, 1, 2).contiguous()
        print('fresh FIRE,', name, len(sl), 'ball drawn', round((~torch.isnan(detect_ball(q)[0])).float().mean().item(), 3), flush=True)
    mk = lambda: degref.clocked(world_model('diffusion', refine=False), degref.ClockStage(ref, pal))
    print('tracking', ball_tracking(mk(), record_heldout(2, 800), n=128), flush=True)
    actref.play_eval(mk(), out, args.eval_steps, args=vars(args), steps=step, seconds=round(time.perf_counter() - t0))
