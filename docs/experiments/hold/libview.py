# The closed loop of a library-trained refiner (`gamemodels train lam-refiner|diffusion-refiner ... --out RUN`), as a strip
# (pixel player, game 0 of 2, the steps given): `RUN/closed.png`; with --force 0|1, the event bit held off or on.
import sys, torch, argparse
from pathlib import Path
from gamemodels.core import world_model
from gamemodels.world import *
from PIL import Image
p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--model', default='lam'); p.add_argument('--force', type=float, default=None)
p.add_argument('--at', default='5,20,40,80,150,300,600'); args = p.parse_args(); torch.set_num_threads(2); out = Path(args.run)
wm = world_model(args.model, refine=False); wm.refiner = DetailRefiner.from_pretrained(out / 'model')
if args.force is not None: wm.refiner.odds.mlp[-1].bias.data.fill_(40. if args.force else -40.)
at = tuple(map(int, args.at.split(',')))
r = closed_loop(wm, max(at), 2, keep=at)
print({k: v for k, v in r.items() if not isinstance(v, (list, dict))})
Image.fromarray(side_by_side(*[r['strip'][t][None] for t in at], scale=3)[0]).save(out / f'closed{"" if args.force is None else int(args.force)}.png')
