# a2l fitted to the LAM's codes against a2l taught on its own loop (`gamemodels train a2l --loop 8`), with a LAM and a
# refiner: left, the paddle's x held RIGHT 25 steps from the serve, then LEFT 25, then RIGHT 25, free-running, beside the real
# game; right, the share of 8 games whose paddle is seen over 3,000 steps of a player sweeping it wall to wall (`SweepPlayer`).
#   python docs/experiments/hold/wallcurves.py LAM REFINER BEFORE AFTER OUT   (checkpoint folders)  ->  OUT.png and OUT.json
import json, sys, torch
from pathlib import Path
import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
from gamemodels.core import setup_cpu
from gamemodels.a2l import LatentWorldModel, ActionToLatent
from gamemodels.envs import make_env, ORACLE_SETTINGS, resize_frames
from gamemodels.world import ClosedLoop, SweepPlayer, drive, detect_paddle, NOOP, RIGHT, LEFT
setup_cpu(2); torch.manual_seed(0)
from gamemodels.lam import LatentActionModel
from gamemodels.world import DetailRefiner
lam, ref, before, after, out = sys.argv[1:6]
keys = [NOOP] * 4 + [RIGHT] * 25 + [LEFT] * 25 + [RIGHT] * 25
env = make_env(**ORACLE_SETTINGS); o, _ = env.reset(seed=90_000)
fr = lambda o: torch.from_numpy(resize_frames(o[None], 64)[0]).permute(2, 0, 1)
frames = [fr(o)]
for k in keys: o, *_ = env.step(k); frames.append(fr(o))
frames = torch.stack(frames); acts = torch.tensor(keys)
res = dict(real=detect_paddle(frames[5:]).tolist())

class Seen(ClosedLoop):
    def see(self, frame, t):
        super().see(frame, t); self.seen = getattr(self, 'seen', []) + [(~torch.isnan(detect_paddle(frame))).float().mean().item()]

for name, path in (('a2l fitted to the LAM\'s codes', before), ('a2l taught on its own loop', after)):
    wm = LatentWorldModel(LatentActionModel.from_pretrained(lam), ActionToLatent.from_pretrained(path), DetailRefiner.from_pretrained(ref))
    wm.reset(frames[1:5], acts[1:4]); xs = []
    for k in keys[4:]: xs.append(detect_paddle(wm.step(k)).item())
    cl = Seen(8, player=SweepPlayer()); drive(wm, [cl], 3000)
    res[name] = dict(x=xs, seen=cl.seen)
    print(name, 'paddle seen at step 3,000:', cl.seen[-1], flush=True)
fig, ax = plt.subplots(1, 2, figsize=(11, 3.6))
ax[0].plot(res['real'], 'k', lw=3, alpha=0.4, label='real game')
for name in list(res)[1:]:
    ax[0].plot(res[name]['x'], label=name); ax[1].plot(res[name]['seen'], label=name)
ax[0].set(xlabel='step (RIGHT, LEFT, RIGHT held 25 steps each)', ylabel='paddle x (64 px)', title='held into the walls, free-running')
ax[1].set(xlabel='step', ylabel='share of 8 games', title='paddle seen, a player sweeping it', ylim=(-0.05, 1.05))
ax[0].legend(fontsize=8); plt.tight_layout(); plt.savefig(out + '.png', dpi=80)
Path(out + '.json').write_text(json.dumps(res))
