# Where the open loop's static-pixel error lives: `open_loop` (8 games, oracle's keys), the squared error on the pixels the
# real game has not changed, summed over games at steps 1000 and 3000, split by the game's bands (score, wall, open space,
# paddle rows, below) and by kind (a brick pixel gone dark, a dark pixel lit red, other), with the error map saved.
#   [LEAST=L NEAR=R MODE=M] python docs/experiments/hold/staticwhere.py RUN|none|shipped|diffusion [--base LAM A2L] [--steps 3000] [--png F] [-v] [--force 0|1] [--seed S] [-n GAMES]
import argparse, os, sys, torch, numpy as np
from pathlib import Path
from PIL import Image
sys.path.insert(0, str(Path(__file__).parent))
if os.environ.get('LEAST'): import gatepatch   # LEAST=4 [NEAR=2] [MODE=least|both|gate|mixed]: run 86's play-time rules
from gamemodels.world import *
from gamemodels.world import OpenLoop, drive
from gamemodels.a2l import LatentWorldModel, shipped_world_model

BANDS = dict(score=(0, BRICK_ROWS[0]), wall=BRICK_ROWS, open=(BRICK_ROWS[1], PADDLE_ROWS[0]), paddle=PADDLE_ROWS, below=(PADDLE_ROWS[1], 64))

class Where(OpenLoop):
    def see(self, p, t):
        super().see(p, t)
        if t in (1000, 3000):
            err = (((p.float() - self.r.float()) / 255) ** 2 * self.static)   # [n, 3, H, W]
            n_static = float(self.static.sum() * 3)
            dark_real, dark_im = self.r.amax(1) <= 40, p.amax(1) <= 40
            kinds = dict(brick_gone=(~dark_real) & dark_im, lit_new=dark_real & ~dark_im)
            out = {'psnr': round(10 * np.log10(n_static / max(float(err.sum()), 1e-10)), 2), 'static_px': int(self.static.sum())}
            tot = float(err.sum())
            for b, (a, z) in BANDS.items(): out[b] = round(float(err[..., a:z, :].sum()) / tot, 3)
            e = err.sum(1)
            for k, m in kinds.items(): out[k] = round(float((e * m).sum()) / tot, 3)
            out['wrong_px_per_game'] = round(float(((e > 0.03) & self.static[:, 0]).sum()) / self.n, 1)
            print(t, out, flush=True)
            self.maps[t] = e.sum(0)
            if self.verbose:
                big = torch.nonzero(e.sum(0) > 0.1)
                print('  pixels (row, col) with error summed over games > 0.1:', [tuple(x) for x in big.tolist()][:60])
                for g in range(self.n):
                    w = torch.nonzero(e[g] > 0.03).tolist()
                    if w: print(f'  game {g}:', [(y, x, tuple(self.r[g, :, y, x].tolist()), tuple(p[g, :, y, x].tolist())) for y, x in w[:6]])
    def start(self, context):
        self.maps = {}; return super().start(context)

def _see(self, p, t):   # keep the real frame of this step for `Where`
    r = self.real.step(self.a); self.r = r
    self.static &= (r == self.first).all(1, keepdim=True)
    err = ((p.float() - r.float()) / 255) ** 2
    from gamemodels.world import _psnr_of
    self.curve_s.append(_psnr_of((err * self.static).sum() / (self.static.sum() * 3).clamp(min=1))); self.curve_w.append(_psnr_of(err.mean()))
OpenLoop.see = _see

if __name__ == '__main__':
    ap = argparse.ArgumentParser(); ap.add_argument('run'); ap.add_argument('--steps', type=int, default=3000); ap.add_argument('--png'); ap.add_argument('-v', action='store_true'); ap.add_argument('--force', type=int); ap.add_argument('--seed', type=int, default=0); ap.add_argument('-n', type=int, default=8)
    ap.add_argument('--base', nargs=2, default=['runs/hold/lamunroll2', 'runs/hold/lamunroll2/a2l']); a = ap.parse_args()
    torch.set_num_threads(2); torch.manual_seed(a.seed)
    if a.run == 'shipped': wm = shipped_world_model()
    elif a.run == 'diffusion':   # the shipped diffusion pair (run 87)
        from gamemodels.diffusion import shipped_world_model as diffusion_world_model
        wm = diffusion_world_model()
    else:
        sub = lambda b: f'{b}/model' if Path(b, 'model').exists() else b   # a run's folder, or a model folder (data/lam-breakout)
        wm = LatentWorldModel.from_pretrained(*(sub(b) for b in a.base))
        if a.run != 'none': wm.refiner = DetailRefiner.from_pretrained(sub(a.run))
        if a.force is not None: wm.refiner.odds.mlp[-1].bias.data.fill_(40. if a.force else -40.)   # the event bit held on or off
    w = Where(a.n, at=(1000, 3000)); w.verbose = a.v; res = drive(wm, [w], a.steps)[0]
    print({k: v for k, v in res.items() if k.startswith('static_psnr_')})
    if a.png:
        ims = [np.kron((w.maps[t] / w.maps[t].max()).clamp(0, 1).sqrt().numpy(), np.ones((4, 4))) for t in sorted(w.maps)]
        Image.fromarray((np.concatenate(ims, 1) * 255).astype(np.uint8)).save(a.png)
