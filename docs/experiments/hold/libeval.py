# Quick evaluation of a refiner trained by the library (`gamemodels train diffusion-refiner ... --out RUN`): the serve check on
# real contexts (a fresh FIRE with no ball in sight), ball tracking, then `actref.play_eval` (600 steps, 4 + 4 games).
import os, sys, json, time, torch, argparse
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from palmod import hold_data
import actref
from gamemodels.core import world_model
from gamemodels.world import *
from serveref import serve_check as serve_check_at   # passes each context's step in its game (for a refiner with a clock)

def serve_check(wm, store, n=64):
    "On real contexts where FIRE follows another key with no ball in the last three frames: share of served / not served steps where the model draws a ball."
    f, a, C = store.frames, store.actions, wm.context
    seen = ~torch.isnan(detect_ball(f)[0]); starts = set(torch.as_tensor(store.starts).tolist())
    ok = lambda i: not any(j in starts for j in range(i - C + 1, i + 2))
    fresh = [i for i in range(C, len(f) - 1) if a[i] == 1 and a[i - 1] != 1 and not seen[i] and not seen[i - 1] and not seen[i - 2] and ok(i)]
    res = {}
    for name, ids in (('served', [i for i in fresh if seen[i + 1]][:n]), ('not_served', [i for i in fresh if not seen[i + 1]][:n])):
        ctx = torch.stack([f[i - C + 1:i + 1] for i in ids]); acts = torch.stack([a[i - C + 1:i + 1] for i in ids])
        wm.reset(ctx, acts[:, :-1]); out = wm.step(acts[:, -1])
        res[name] = dict(n=len(ids), drawn=round((~torch.isnan(detect_ball(out)[0])).float().mean().item(), 3))
    return res

def lam_data(folder='runs/hold/data-lam-cpu'):
    "The latent-action recipe's recording (48 games), as `gamemodels train lam-refiner --data` records it."
    from gamemodels.data import training_data, FrameStore
    return FrameStore.from_dataset(training_data(folder, 'lam', 48, 1000))

if __name__ == '__main__':
    p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--eval-steps', type=int, default=600); p.add_argument('--model', default='diffusion'); p.add_argument('--base', nargs=2); p.add_argument('--gate', type=int); p.add_argument('--track'); p.add_argument('--odds'); p.add_argument('--hold', type=int, default=0)
    args = p.parse_args(); torch.set_num_threads(2); t0 = time.perf_counter(); out = Path(args.run)
    def make():
        if args.base:
            from gamemodels.a2l import LatentWorldModel
            wm = LatentWorldModel.from_pretrained(*(Path(b) / 'model' for b in args.base))
        else: wm = world_model(args.model, refine=False)
        wm.refiner = DetailRefiner.from_pretrained(out / 'model')
        if args.odds:
            from oddsfit import swap_odds; swap_odds(wm.refiner, args.odds)
        if args.track:
            from evsplit import EventSplit; wm.refiner = EventSplit(wm.refiner, DetailRefiner.from_pretrained(Path(args.track) / 'model'), args.hold, bool(int(os.environ.get('RULE', 0))))
        if args.gate is not None:
            from gate import Gated; wm.refiner = Gated(wm.refiner, args.gate)
        return wm
    sv = serve_check_at(make(), hold_data() if args.model == 'diffusion' else lam_data()); print('serves', sv, flush=True)
    tr = ball_tracking(make(), record_heldout(2, 800), n=128); print('tracking', tr, flush=True)
    dest = Path(args.track + f'-split-{Path(args.run).name}-h{args.hold}') if args.track else Path(str(out) + '-odds-' + Path(args.odds).stem) if args.odds else out; dest.mkdir(exist_ok=True)
    actref.play_eval(make(), dest, args.eval_steps, serves=sv, tracking=tr, seconds=round(time.perf_counter() - t0))
