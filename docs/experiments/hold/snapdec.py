# Decoding a regression refiner's output onto the data's palette, with blobs of colour concentrated on their peak.
import torch, torch.nn.functional as F

def palette(store, k=128, moving=64):
    "The `k` commonest colours and the `moving` commonest among pixels that change between frames: float `[K, 3]`."
    px = store.frames[::7].permute(0, 2, 3, 1).reshape(-1, 3)
    cols, counts = torch.unique(px, dim=0, return_counts=True)
    pal = cols[counts.argsort(descending=True)[:k]]
    if moving:
        f = store.frames[::3]; ch = (f[1:] != f[:-1]).any(1)
        c2, n2 = torch.unique(f[1:].permute(0, 2, 3, 1)[ch], dim=0, return_counts=True)
        pal = torch.unique(torch.cat([pal, c2[n2.argsort(descending=True)[:moving]]]), dim=0)
    return pal.float()

def nearest(x, pal):
    "x `[..., 3]` -> (squared distance, index) of the nearest palette colour."
    return ((x[..., None, :] - pal) ** 2).sum(-1).min(-1)

def concentrate(r, q, pal, thresh, window=3):
    "Where snapping threw away a blob of colour (residual `r - q` summed over a window at least `thresh` levels), put it all on its strongest pixel, snapped."
    res = (r - q).permute(0, 3, 1, 2)
    mag = res.abs().sum(1, keepdim=True)
    peak = mag == F.max_pool2d(mag, 5, 1, 2)
    tot = F.avg_pool2d(res, window, 1, window // 2) * window ** 2
    keep = peak & (tot.abs().sum(1, keepdim=True) >= thresh) & (mag > 0)
    c = (q.permute(0, 3, 1, 2) + tot).permute(0, 2, 3, 1)
    return torch.where(keep.permute(0, 2, 3, 1), pal[nearest(c, pal)[1]], q)

class Snap:
    "A refiner whose output is snapped to `pal` (and blobs concentrated when `concentrate` > 0)."
    def __init__(self, ref, pal, concentrate=0.0): self.ref, self.pal, self.conc = ref, pal, concentrate
    def refine(self, guess, ctx):
        r = self.ref.refine(guess, ctx).float().permute(0, 2, 3, 1)
        q = self.pal[nearest(r, self.pal)[1]]
        if self.conc: q = concentrate(r, q, self.pal, self.conc)
        return q.round().to(torch.uint8).permute(0, 3, 1, 2).contiguous()
