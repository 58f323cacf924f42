# Drift ablation: denoisers trained the same way with and without context-noise augmentation.
import json, sys, torch
from gamemodels.core import setup_cpu
from gamemodels.diffusion import Denoiser, DiffusionWorldModel, drift_curve, plot_drift
from gamemodels.world import record_heldout, world_metrics, HELDOUT_SEED
setup_cpu(2)
ho = record_heldout(2, 800, seed=HELDOUT_SEED + 50)
res, curves = {}, {}
for name in sys.argv[1:]:
    m = Denoiser.from_pretrained(f'runs/ablation/{name}/model')
    wm = DiffusionWorldModel(m)
    c = drift_curve(wm, ho, steps=200, n=8)
    curves[f'context noise {m.ctx_noise}'] = c
    wmet = world_metrics(wm, ho, n=128, ks=(1, 8), fps_steps=0, alive_n=20)
    res[name] = dict(ctx_noise=m.ctx_noise, static_psnr_t50=c['static_psnr'][49], static_psnr_t200=c['static_psnr'][-1],
                     paddle_seen_t200=c['paddle_seen'][-1], **{k: wmet[k] for k in ('dyn_psnr_1', 'dyn_psnr_8', 'alive_200', 'paddle_control')},
                     train=json.load(open(f'runs/ablation/{name}/train.json'))['steps'])
    print(name, res[name], flush=True)
fig = plot_drift(curves, 'drift over 200 imagined steps (real actions), 8 held-out rollouts')
fig.savefig('runs/ablation/ablation_drift.png', dpi=100)
json.dump(dict(results=res, curves=curves), open('runs/ablation/ablation.json', 'w'), indent=1)
