# Fade only where the ball is: the library's `fade` blends the whole last context frame toward the base model's guess of it,
# so wherever that guess differs (a ball drawn dim at the wrong place, a leftover) the refiner sees a faint mark it is taught
# to turn into the target; in play it grows such marks into balls that are not there (run 84: two or more in 0.72 of the
# bench's frames). Here the fade is kept only on the real ball's footprint in the last context frame (its red pixels,
# dilated by `--grow` px, near `detect_ball`'s centre): a dim ball where a ball truly is, and the rest of the frame real.
# Runs the library trainer (`gamemodels train lam-refiner`) with `RefinerClips` swapped for this one; all its options pass on.
#   python docs/experiments/hold/fpfade.py [--grow 1] -- ARGS of `gamemodels train lam-refiner` (with --fade F)
import sys, torch, torch.nn.functional as F
from gamemodels import world
from gamemodels.world import RefinerClips, detect_ball, redness

def footprint(frames, grow: int = 1, near: int = 3):
    "`[B, H, W]` bool: the red pixels within `near` px of `detect_ball`'s centre in `frames` `[B, 3, H, W]`, dilated by `grow` px."
    B, _, H, W = frames.shape
    x, y = detect_ball(frames)
    ys, xs = torch.arange(H).float()[:, None] + 0.5, torch.arange(W).float()[None, :] + 0.5
    close = ((ys - y.nan_to_num(-99)[:, None, None]).abs() <= near) & ((xs - x.nan_to_num(-99)[:, None, None]).abs() <= near)
    red = (redness(frames) > 0) & close
    return F.max_pool2d(red[:, None].float(), 2 * grow + 1, 1, grow)[:, 0] > 0 if grow else red

class FootprintClips(RefinerClips):
    "`RefinerClips` whose `fade` dims the last context frame on the real ball's footprint only (elsewhere the real frame)."
    grow = 1
    def __init__(self, model, clips, *args, **kw):
        super().__init__(model, clips, *args, **kw)
        if self.ctx is None or not kw.get('fade'): return
        C, kept = model.context, []
        for i in range(0, len(self.ids), 256):
            f, _ = clips.__getitems__(self.ids[i:i + 256].tolist())
            real, faded = f[:, C], self.ctx[i:i + 256, -1].clone()
            m = footprint(real, self.grow)[:, None]
            self.ctx[i:i + 256, -1] = torch.where(m, faded, real)
            kept.append((faded != real).any(1).float().mean((1, 2)) - (torch.where(m, faded, real) != real).any(1).float().mean((1, 2)))
        print(f'footprint fade: {torch.cat(kept).mean() * 64 * 64:.1f} faded pixels a clip moved back to the real frame', flush=True)

if __name__ == '__main__':
    argv = sys.argv[1:]
    if argv[:1] == ['--grow']: FootprintClips.grow, argv = int(argv[1]), argv[2:]
    if argv[:1] == ['--']: argv = argv[1:]
    world.RefinerClips = FootprintClips      # train_refiner builds its clips from the module's name
    from gamemodels.a2l import train_lam_refiner
    print(train_lam_refiner(argv))
