# A refiner that draws a sample, not a mean (implicit maximum likelihood, IMLE): a trained refiner (RUN) given two more input
# planes of noise (one value per 4x4 block, zero weights at first, so it starts as RUN), fine-tuned on run 61's clips (with
# `--faint`) where each clip's loss is the least over M noise draws: each draw learns to be one of the outcomes, sharp, rather
# than the mean of them all (a dim, wide ball). In play a fresh draw each step. Runs 72-73: every refiner carries the ball
# dimmer and wider step by step (`ballmass.py`).
#   python docs/experiments/hold/imle.py RUN --base LAM A2L --data D --out OUT [--m 4] [--steps 1500] [--lr 5e-4] [--faint 0.25]
# Load with `load(OUT)`; any script that loads a refiner with `DetailRefiner.from_pretrained` plays it through
#   python docs/experiments/hold/imle.py --eval OUT SCRIPT ARGS...   (SCRIPT's RUN argument: OUT)
import argparse, json, sys, time, runpy, torch, torch.nn as nn, torch.nn.functional as F
from functools import partial
from pathlib import Path
import safetensors.torch
from gamemodels.world import *
from gamemodels.world import moving_mask

class NoisyNet(nn.Module):
    "`net` with `ch` more input planes of block noise (`block` px a value): `noise` if set, else a fresh draw."
    def __init__(self, net, ch: int = 2, block: int = 4):
        super().__init__(); self.ch, self.block, self.noise = ch, block, None
        c0 = net[0]; c1 = nn.Conv2d(c0.in_channels + ch, c0.out_channels, 3, padding=c0.padding, dilation=c0.dilation)
        with torch.no_grad(): c1.weight.zero_(); c1.weight[:, :c0.in_channels] = c0.weight; c1.bias.copy_(c0.bias)
        self.net = nn.Sequential(c1, *list(net)[1:])
    def draw(self, B, H, W, generator=None):
        n = torch.randn(B, self.ch, -(-H // self.block), -(-W // self.block), generator=generator)
        return n.repeat_interleave(self.block, 2).repeat_interleave(self.block, 3)[..., :H, :W]
    def forward(self, x):
        n = self.noise if self.noise is not None else self.draw(len(x), *x.shape[-2:]).to(x.device)
        return self.net(torch.cat([x, n], 1))

def noisy(ref: DetailRefiner, ch: int = 2, block: int = 4) -> DetailRefiner:
    ref.net = NoisyNet(ref.net, ch, block); return ref

def load(out) -> DetailRefiner:
    out = Path(out); cfg = json.loads((out / 'imle.json').read_text())
    ref = noisy(DetailRefiner.from_pretrained(Path(cfg['run']) / 'model'), cfg['ch'], cfg['block'])
    safetensors.torch.load_model(ref, str(out / 'imle.safetensors')); return ref.eval()

def per_clip(model, batch, w=40.0, new=0.0):
    "`refiner_loss(weights='context')`, one value a clip `[B]`."
    guess, ctx, target = batch[:3]
    out = model(guess, ctx, **batch[3]) if len(batch) == 4 else model(guess, ctx)
    d, was = out - target.float() / 255, moving_mask(ctx[:, -2], ctx[:, -1], 4, above=32)
    z = batch[3].get('z') if len(batch) == 4 else None
    wt = 1 + w * was.float() + (new * z.float()[:, None, None, None] if z is not None else 0)
    return (d ** 2 * wt).mean((1, 2, 3))

def imle_loss(model, batch, m: int = 4, w: float = 40.0):
    "The least of `m` noise draws' losses for each clip (the draws compared without gradient, the best one learnt)."
    guess = batch[0]; B, _, H, W = guess.shape; nn_ = model.net
    draws = [nn_.draw(B, H, W) for _ in range(m)]
    with torch.no_grad():
        ls = []
        for n in draws: nn_.noise = n; ls.append(per_clip(model, batch, w))
        ls = torch.stack(ls); best = ls.argmin(0)
    nn_.noise = torch.stack(draws)[best, torch.arange(B)]
    loss = per_clip(model, batch, w).mean(); nn_.noise = None
    return loss, dict(best=ls.min(0).values.mean().detach(), spread=(ls.max(0).values - ls.min(0).values).mean().detach())

if __name__ == '__main__' and len(sys.argv) > 1 and sys.argv[1] == '--eval':
    out, script = sys.argv[2], sys.argv[3]
    orig = DetailRefiner.from_pretrained.__func__
    def patched(cls, path, **kw):
        p = Path(path); q = p.parent if p.name == 'model' else p
        return load(q) if (q / 'imle.json').exists() else orig(cls, path, **kw)
    DetailRefiner.from_pretrained = classmethod(patched)
    sys.argv = [script] + sys.argv[4:]; sys.path.insert(0, str(Path(script).parent))
    runpy.run_path(script, run_name='__main__')
elif __name__ == '__main__':
    from gamemodels.a2l import LatentWorldModel, BUDGET_SIZES, RECIPE
    from gamemodels.data import training_data, record_starts, FrameStore, ClipDataset
    from gamemodels.train import fit_within
    p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--base', nargs=2, required=True)
    p.add_argument('--data', required=True); p.add_argument('--out', required=True); p.add_argument('--m', type=int, default=4)
    p.add_argument('--steps', type=int, default=1500); p.add_argument('--lr', type=float, default=5e-4); p.add_argument('--seed', type=int, default=2)
    p.add_argument('--clips', type=int, default=16000); p.add_argument('--faint', type=float, default=0.25)
    p.add_argument('--ch', type=int, default=2); p.add_argument('--block', type=int, default=4)
    a = p.parse_args(); torch.set_num_threads(2); torch.manual_seed(a.seed); t0 = time.perf_counter(); out = Path(a.out)
    wm = LatentWorldModel.from_pretrained(*(Path(b) / 'model' for b in a.base))
    ref = noisy(DetailRefiner.from_pretrained(Path(a.run) / 'model'), a.ch, a.block)
    sizes = BUDGET_SIZES['cpu']
    ds = training_data(a.data, RECIPE, sizes['episodes'], sizes['max_steps'], 0)
    store = FrameStore(list(ds) + list(record_starts(f'{a.data}-starts', 400)))
    data = RefinerClips(wm, ClipDataset(store, context=wm.context, horizon=2), crop=32, n=a.clips, seed=a.seed, progress=False, actions=True,
                        position=True, fade=0.7, appear=0.25, clock=2, event=True, elsewhere=0.0, specks=0.25, palette=ref.palette, ghosts=0.25, faint=a.faint)
    ref.train(); ref.odds.requires_grad_(False)
    fit_within(None, ref, partial(imle_loss, m=a.m), data, steps=a.steps, batch_size=32, lr=a.lr, lr_schedule='cosine',
               warmup=min(75, a.steps // 10), run_dir=out / 'run', ckpt_every=250, seed=a.seed, progress=False, log_every=50)
    out.mkdir(parents=True, exist_ok=True); safetensors.torch.save_model(ref, str(out / 'imle.safetensors'))
    (out / 'imle.json').write_text(json.dumps(dict(vars(a), minutes=round((time.perf_counter() - t0) / 60, 2)), indent=1))
    print(f'done: {(time.perf_counter() - t0) / 60:.1f} min', flush=True)
