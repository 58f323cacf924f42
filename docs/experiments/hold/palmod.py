import torch, torch.nn as nn, torch.nn.functional as F

def palette_of(frames, k):
    "The `k` most frequent colours of uint8 frames `[N, 3, H, W]`: `[k, 3]` uint8."
    px = frames.permute(0, 2, 3, 1).reshape(-1, 3)
    cols, counts = torch.unique(px, dim=0, return_counts=True)
    return cols[counts.argsort(descending=True)[:k]]

def to_classes(frames, pal):
    "Nearest palette index of each pixel: `[B, H, W]` long."
    f = frames.float().permute(0, 2, 3, 1)                       # B H W 3
    d = ((f[..., None, :] - pal.float()) ** 2).sum(-1)           # B H W K
    return d.argmin(-1)

class PaletteRefiner(nn.Module):
    def __init__(self, palette, context=3, width=32):
        super().__init__()
        self.register_buffer('palette', palette.clone()); self.context = context
        conv = lambda i, o, d=1: nn.Conv2d(i, o, 3, padding=d, dilation=d)
        K = len(palette)
        self.net = nn.Sequential(conv(3 * (context + 1), width), nn.SiLU(), conv(width, width, 2), nn.SiLU(), conv(width, width, 4), nn.SiLU(),
                                 conv(width, width, 2), nn.SiLU(), conv(width, width), nn.SiLU(), nn.Conv2d(width, K, 1))
    def forward(self, guess, ctx):
        f = lambda t: t.float() / 255 if t.dtype == torch.uint8 else t
        return self.net(torch.cat([f(guess), f(ctx[:, -self.context:]).flatten(1, 2)], 1) * 2 - 1)
    bias = None   # logit adjustment: added to the logits before the argmax (-tau * log prior)
    @torch.inference_mode()
    def refine(self, guess, ctx):
        z = self(guess, ctx)
        if self.bias is not None: z = z + self.bias[:, None, None]
        return self.palette[z.argmax(1)].permute(0, 3, 1, 2).contiguous()
    def eval(self): return super().eval()


def hold_data(folder='runs/hold/data-diffusion-cpu'):
    "The recording these experiments train and pick palettes on: 32 oracle games of up to 1,000 steps + 16 held-key games (made once)."
    from pathlib import Path
    from gamemodels.data import training_data, FrameStore
    held = 0 if (Path(folder) / 'recipe.json').exists() else 16
    return FrameStore.from_dataset(training_data(folder, 'diffusion', 32, 1000, held, progress=False))
