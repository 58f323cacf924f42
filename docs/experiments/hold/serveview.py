# The closed loop of a serveref.py run, as a strip (pixel player, game 0 of 2): steps given, `OUT/closed.png`.
import sys, json, torch, argparse
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from serveref import EventRefiner, ServeOdds, Drawn, attach
from gamemodels.core import world_model
from gamemodels.world import *
from PIL import Image
p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--model', default='lam'); p.add_argument('--force', type=int, default=None); p.add_argument('--no-position', action='store_true')
p.add_argument('--at', default='5,20,40,80,150,300,600'); args = p.parse_args(); torch.set_num_threads(2); out = Path(args.run)
sd = torch.load(out / 'ref.pt', weights_only=True); pal = json.load(open(out / 'palette.json'))
ref = EventRefiner(width=32, keys=2, n_actions=4, palette=pal, position=0 if args.no_position else 64); ref.load_state_dict(sd); ref.eval()
head = ServeOdds(2); head.load_state_dict(torch.load(out / 'odds.pt', weights_only=True)); head.eval()
wm = attach(world_model(args.model, refine=False), Drawn(ref, head, world_model(args.model, refine=False).context, args.force))
at = tuple(map(int, args.at.split(',')))
r = closed_loop(wm, max(at), 2, keep=at)
print({k: v for k, v in r.items() if not isinstance(v, (list, dict))})
fr = r.get('strip') or r.get('frames')
img = side_by_side(*[fr[t][None] for t in at], scale=3)[0]
Image.fromarray(img).save(out / f'closed{"" if args.force is None else args.force}.png')
