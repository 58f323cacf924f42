# The one-step figures of `gamemodels bench lam` (cpu budget; no play) for a LAM with one or more a2l models, refiner or none:
#   python docs/experiments/hold/lamone.py LAM A2L [A2L...] [--refiner RUN]   (folders holding model/)
import argparse, json, torch
from gamemodels.a2l import LatentActionModel, ActionToLatent, evaluate_lam, record_heldout
from gamemodels.world import DetailRefiner
ap = argparse.ArgumentParser(); ap.add_argument('lam'); ap.add_argument('a2l', nargs='+'); ap.add_argument('--refiner')
a = ap.parse_args(); torch.set_num_threads(2)
ho = record_heldout(4, 800); L = LatentActionModel.from_pretrained(f'{a.lam}/model')
R = DetailRefiner.from_pretrained(f'{a.refiner}/model') if a.refiner else None
keys = ('dyn_psnr_1', 'ball_err_4', 'paddle_control', 'a2l_accuracy', 'a2l_best_accuracy', 'alive_200', 'psnr_8', 'paddle_err_16', 'fps')
for p in a.a2l:
    torch.manual_seed(0)
    m = evaluate_lam(L, ActionToLatent.from_pretrained(f'{p}/model'), ho, n=512, fps_steps=300, refiner=R)
    print(p, {k: m.get(k) for k in keys}, flush=True)
