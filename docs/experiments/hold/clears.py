# Bricks the refiner clears: one step from a real context no refiner clears the brick the game clears (`bricksone.py`:
# 0.02-0.05 of the clears; the LAM alone none), so no loop breaks bricks. A clear is 1.2% of the transitions, and a crop
# centred on the ball misses it (the ball inside the wall is not seen by `detect_ball`: a random crop). Here the share
# `--turns` of each batch is drawn from the clips whose target shows fewer bricks than the last context frame instead of
# the bounces, cropped on the pixels of the wall that changed. Runs the library trainer with `RefinerClips` swapped.
#   python docs/experiments/hold/clears.py [--footprint] -- ARGS of `gamemodels train lam-refiner` (with --turns SHARE)
import sys, torch
from gamemodels import world
from gamemodels.world import RefinerClips, detect_ball, bricks, BRICK_ROWS, BRICK_COLS

class Keyed:
    "A focus: the centre of the wall's changed pixels for the targets of clear clips (found by content), else `detect_ball`."
    def __init__(self, frames, xy):
        self.w = torch.randint(1, 1 << 20, (frames[0].numel(),), generator=torch.Generator().manual_seed(0))
        self.at = {k: p for k, p in zip(self.key(frames).tolist(), xy.tolist())}
    def key(self, frames): return (frames.flatten(1).long() * self.w).sum(1)
    def __call__(self, frames):
        x, y = detect_ball(frames)
        for i, k in enumerate(self.key(frames).tolist()):
            if k in self.at: x[i], y[i] = self.at[k]
        return x, y

def clear_clips(base):
    class ClearClips(base):
        "`base` (a `RefinerClips`) whose `turns` share is drawn from the clips where a brick is cleared, cropped on it."
        def __init__(self, model, clips, *args, **kw):
            super().__init__(model, clips, *args, **kw)
            C, ids, tg, xy = model.context, [], [], []
            for i in range(0, len(self.ids), 512):
                f, _ = clips.__getitems__(self.ids[i:i + 512].tolist()); k = self.k[i:i + 512]; r = torch.arange(len(f))
                t, last = f[r, C + k], f[r, C + k - 1]
                hit = torch.nonzero(bricks(t) < bricks(last) - 0.5)[:, 0]
                for b in hit.tolist():
                    d = (t[b] != last[b]).any(0); d[:BRICK_ROWS[0]] = False; d[BRICK_ROWS[1]:] = False
                    ys, xs = torch.nonzero(d, as_tuple=True)
                    ids.append(i + b); tg.append(t[b]); xy.append((xs.float().mean() + 0.5, ys.float().mean() + 0.5))
            if not ids: raise ValueError('clears: no clip clears a brick')
            self.turned = torch.tensor(ids); self.focus = Keyed(torch.stack(tg), torch.tensor(xy))
            print(f'clears: {len(ids)} of {len(self.ids)} clips clear a brick', flush=True)
    return ClearClips

if __name__ == '__main__':
    argv = sys.argv[1:]; base = RefinerClips
    if argv[:1] == ['--footprint']:
        sys.path.insert(0, 'docs/experiments/hold'); from fpfade import FootprintClips; base, argv = FootprintClips, argv[1:]
    if argv[:1] == ['--']: argv = argv[1:]
    world.RefinerClips = clear_clips(base)
    from gamemodels.a2l import train_lam_refiner
    print(train_lam_refiner(argv))
