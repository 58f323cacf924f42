# The serve pasted, not learned: where the focus appears in the data, per phase of the clock, as a template (how often each
# pixel changes into it, and to what colour), pasted on the refined frame when the event bit, drawn from learned odds, is on.
# The refiner is any library one (default: the shipped latent-action refiner, which was never told of serves).
#   python docs/experiments/hold/template.py --out runs/hold/tpl1 [--refiner data/lam-refiner-breakout] [--odds-from runs/hold/lib4/model]
import sys, json, time, argparse, torch
from pathlib import Path
from torch import nn
sys.path.insert(0, str(Path(__file__).parent))
import actref
from libeval import lam_data
from serveref import serve_check
from gamemodels.core import world_model
from gamemodels.data import EpisodeDataset, FrameStore
from gamemodels.world import *

def serve_template(store, clock=2, above=32, chunk=4096):
    "Per phase: the share of serve frames in which each pixel changes by over `above` levels from the frame before, and the mean colour it changes to."
    f = store.frames; seen = torch.cat([~torch.isnan(detect_ball(f[i:i + chunk])[0]) for i in range(0, len(f), chunk)])
    t = step_in_game(store, torch.arange(len(f)))
    new = torch.nonzero(seen[2:] & ~seen[1:-1] & ~seen[:-2])[:, 0] + 2
    new = new[t[new] >= 2]
    share, colour, n = torch.zeros(clock, 1, *f.shape[-2:]), torch.zeros(clock, 3, *f.shape[-2:]), []
    for p in range(clock):
        ids = new[t[new] % clock == p]; n.append(len(ids))
        ch = ((f[ids].float() - f[ids - 1].float()).abs().amax(1, keepdim=True) > above).float()
        share[p] = ch.mean(0); colour[p] = (f[ids].float() * ch).sum(0) / ch.sum(0).clamp(min=1)
    return share, colour, n

class Pasted(nn.Module):
    "A refiner followed by the serve template: where the event bit (drawn from `odds`) is on, the pixels its serves change most often take the template's colour."
    def __init__(self, ref, odds, share, colour, clock=2):
        super().__init__(); self.ref, self.odds, self.clock, self.event = ref, odds, clock, True
        self.keys, self.context, self.share, self.colour, self.drawn = ref.keys, ref.context, share, colour, []
        top = share.flatten(1).amax(1)[:, None, None, None]
        self.mask = (share >= top / 2) & (top >= 0.25)   # the pixels a phase's serves change most often (other appearances are spread out)
    def refine(self, guess, ctx, actions=None, t=None, generator=None):
        out = self.ref.refine(guess, ctx, actions) if self.ref.keys else self.ref.refine(guess, ctx)
        z = torch.bernoulli(torch.sigmoid(self.odds(ctx, actions, t)), generator=generator).reshape(-1) > 0
        self.drawn.append(z.float().mean().item())
        p = torch.as_tensor(t).long().reshape(-1) % self.clock
        on = self.mask[p] & z[:, None, None, None]
        return torch.where(on, self.colour[p].round().to(torch.uint8), out)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(); ap.add_argument('--out', default='runs/hold/tpl1'); ap.add_argument('--refiner', default='data/lam-refiner-breakout')
    ap.add_argument('--odds-from', default='runs/hold/lib4/model'); ap.add_argument('--eval-steps', type=int, default=600)
    args = ap.parse_args(); torch.set_num_threads(2); t0 = time.perf_counter(); out = Path(args.out); out.mkdir(parents=True, exist_ok=True)
    from gamemodels.data import training_data
    store = FrameStore(list(training_data('runs/hold/data-lam-cpu', 'lam', 48, 1000)) + list(EpisodeDataset('runs/hold/data-lam-cpu-starts')))
    share, colour, n = serve_template(store)
    odds = DetailRefiner.from_pretrained(args.odds_from).odds.eval()
    make = lambda: Pasted(DetailRefiner.from_pretrained(args.refiner).eval(), odds, share, colour)
    m = make().mask
    for p in range(2):
        ys, xs = torch.nonzero(m[p, 0], as_tuple=True); print('phase', p, 'of', n[p], 'serves: rows', ys.tolist(), 'cols', xs.tolist(), 'colour', colour[p, :, ys, xs].T.tolist(), flush=True)
    def wm_with(r):
        wm = world_model('lam', refine=False); wm.refiner = r; return wm
    sv = serve_check(wm_with(make()), lam_data()); print('serves', sv, flush=True)
    r = make(); res = actref.play_eval(wm_with(r), out, args.eval_steps, serves=sv, seconds=round(time.perf_counter() - t0))
    print('bit drawn on', round(sum(r.drawn) / max(1, len(r.drawn)), 4), 'of the steps', flush=True)
    wm = wm_with(make()); at = (5, 20, 40, 80, 150, 300, 600)
    cl = closed_loop(wm, max(at), 2, keep=at)
    from PIL import Image; Image.fromarray(side_by_side(*[cl['strip'][s][None] for s in at], scale=3)[0]).save(out / 'closed.png')
