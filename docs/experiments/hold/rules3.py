# A LAM + a2l + refiner trio played open loop (the bench's 4 games, the oracle's keys, 3,000 steps) under its play-time
# rules switched off one by one: no rule (least 0, hold 0), `least` only, `least` then `hold` (the refiner's own config);
# static-pixel PSNR at steps 1,000 and 3,000, and `paddle_control` (the bench's 128 held keys) each way.
#   python docs/experiments/hold/rules3.py LAM A2L REFINER [--steps 3000] [-n 4]
import argparse, json, torch
from gamemodels.core import setup_cpu
from gamemodels.world import open_loop, control_contexts, paddle_control
from gamemodels.a2l import LatentWorldModel, record_heldout
p = argparse.ArgumentParser(); p.add_argument('lam'); p.add_argument('a2l'); p.add_argument('ref')
p.add_argument('--steps', type=int, default=3000); p.add_argument('-n', type=int, default=4); args = p.parse_args()
setup_cpu(2); ho = record_heldout(4, 800); out = {}
for least, hold in ((0, 0), (None, 0), (None, None)):
    wm = LatentWorldModel.from_pretrained(args.lam, args.a2l, args.ref); r = wm.refiner
    r.least, r.hold = (r.least if least is None else least), (r.hold if hold is None else hold)
    ol = open_loop(wm, args.steps, n=args.n, at=(1000, args.steps))
    name = f'least {r.least}, hold {r.hold}'
    out[name] = dict(static_1000=round(ol['static_psnr_1000'], 2), static_last=round(ol[f'static_psnr_{args.steps}'], 2),
                     paddle_control=round(paddle_control(wm, ho), 4))
    print(name, out[name], flush=True)
print(json.dumps(out))
