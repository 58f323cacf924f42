# K steps from the real context (the real actions), under `SweepPlayer`: where each model puts the paddle, against the
# real game, away from the walls and at them:  python docs/experiments/hold/paddlestep.py [RUN ...] [--steps 400]
import torch, argparse, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from gamemodels.core import world_model
from gamemodels.world import *
from gamemodels.data import HELDOUT_SEED

class Record(ClosedLoop):
    def see(self, frame, t):
        super().see(frame, t)
        if not hasattr(self, 'fr'): self.fr = []
        self.fr.append(frame.clone())

if __name__ == '__main__':
    p = argparse.ArgumentParser(); p.add_argument('runs', nargs='*'); p.add_argument('--steps', type=int, default=400); p.add_argument('--k', type=int, default=1)
    a = p.parse_args(); torch.set_num_threads(2); torch.manual_seed(0)
    sw = SweepPlayer(); acts = []
    class Logged:
        def act(self, frames): x = sw.act(frames); acts.append(x); return x
    cl = Record(8, player=Logged()); drive(RealGame(HELDOUT_SEED + 2000, 4), [cl], a.steps)
    F, A = torch.stack(cl.fr, 1), torch.stack(acts, 1)           # [n, T, 3, 64, 64]; A[:, i] led frame i -> i + 1 (frame 0: the first after the start)
    n, T = A.shape[0], A.shape[1] - 1
    K = a.k; ts = torch.arange(3, T - K, max(1, K // 2))
    ctx = torch.stack([F[:, t - 3:t + 1] for t in ts], 1).flatten(0, 1)          # [n * len(ts), 4, 3, 64, 64]
    cacts = torch.stack([A[:, t - 2:t + 1] for t in ts], 1).flatten(0, 1)       # the 3 actions between the context frames
    nxt_a, real = torch.stack([A[:, t + 1:t + 1 + K] for t in ts], 1).flatten(0, 1), torch.stack([F[:, t + K] for t in ts], 1).flatten(0, 1)
    step = torch.stack([ts + 1] * n).flatten() + 4
    rx = detect_paddle(real); wall = (rx > 57) | (rx < 7)
    print(f'{len(real)} steps, {int(wall.sum())} with the real paddle at a wall')
    for run in ['none', 'shipped'] + a.runs:
        wm = world_model('lam', refine=run == 'shipped')
        if run not in ('none', 'shipped'): wm.refiner = DetailRefiner.from_pretrained(Path(run) / 'model')
        out = []
        for i in range(0, len(ctx), 256):
            wm.reset(ctx[i:i + 256], cacts[i:i + 256], t=step[i:i + 256])
            for k in range(K): o = wm.step(nxt_a[i:i + 256, k])
            out.append(o)
        gx = detect_paddle(torch.cat(out)); err = (gx - rx).abs()
        f = lambda m: f'found {(~torch.isnan(gx[m])).float().mean():.3f}, px off {err[m & ~torch.isnan(err)].mean():.2f}'
        print(f'{run}: away from walls {f(~wall & ~torch.isnan(rx))}; at a wall {f(wall)}')
