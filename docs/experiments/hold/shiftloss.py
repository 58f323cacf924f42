# A loss that forgives the ball a pixel: where the ball will be after a turn depends on where it sat inside its pixel, so the
# squared error's optimum is a smear over the places it may go, dim enough to be lost (runs 77-78). Here what appears
# against the context's background (the per-pixel median of the context frames and the target: a moving ball is in at most
# one of them) is taken around its strongest pixel (a 9x9 window), and the loss on that window is the least over the
# target with that layer shifted by up to `--reach` px (each shifted px costing `--cost`): a sharp ball a pixel off costs
# less than a smear. A fine-tune of RUN on hold.py's clips (`--hold 0`).
#   python docs/experiments/hold/shiftloss.py RUN --base LAM A2L --data D --out OUT [--reach 1] [--cost 0.002] [--steps 1500]
import sys, time, torch, torch.nn.functional as F
from functools import partial
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from gamemodels.world import *
from hold import finetune_parser, finetune_setup, finetune_clips, finetune

def shift_loss(model, batch, w=40.0, reach=1, cost=0.002, win=4):
    guess, ctx, target = batch[:3]
    out = model(guess, ctx, **batch[3]) if len(batch) == 4 else model(guess, ctx)
    T, c = target.float() / 255, ctx.float() / 255
    was = moving_mask(ctx[:, -2], ctx[:, -1], 4, above=32)
    wt = (1 + w * was.float())                                              # refiner_loss(weights='context')'s weights
    bg = torch.cat([c, T[:, None]], 1).median(1).values                     # the background: what stays in most frames
    D = T - bg; B, _, H, W = T.shape
    s = D.abs().amax(1); s[:, :, :H // 4] = 0; s[:, :, 3 * W // 4:] = 0; s[:, :H // 4] = 0; s[:, 3 * H // 4:] = 0
    idx = s.flatten(1).argmax(1); cy, cx = idx // W, idx % W
    has = s.flatten(1).amax(1) > 40 / 255
    yy, xx = torch.arange(H)[None, :, None], torch.arange(W)[None, None, :]
    box = ((yy - cy[:, None, None]).abs() <= win) & ((xx - cx[:, None, None]).abs() <= win) & has[:, None, None]
    layer = D * ((D.abs().amax(1, keepdim=True) > 24 / 255) & box[:, None])  # the ball's layer, in its window
    e_out = ((out - T) ** 2 * wt * ~box[:, None]).flatten(1).sum(1)         # outside the window: the plain loss
    best = None
    for dy in range(-reach, reach + 1):
        for dx in range(-reach, reach + 1):
            Ts = T - layer + torch.roll(layer, (dy, dx), (2, 3))
            e = ((out - Ts) ** 2 * wt * box[:, None]).flatten(1).sum(1) + cost * (abs(dy) + abs(dx)) * has
            best = e if best is None else torch.minimum(best, e)
    loss = (e_out + best).sum() / out.numel()
    return loss, dict(mse=((out - T) ** 2).mean().detach(), window=has.float().mean().detach())

if __name__ == '__main__':
    p = finetune_parser(); p.add_argument('--reach', type=int, default=1); p.add_argument('--cost', type=float, default=0.002)
    a = p.parse_args(); t0 = time.perf_counter()
    wm, ref, store = finetune_setup(a)
    finetune(ref, finetune_clips(RefinerClips, wm, ref, store, a), a, t0, loss=partial(shift_loss, reach=a.reach, cost=a.cost))
