# Diagnose a keyed refiner (actref.py): does it carry a shown ball (ball_tracking), and what do its guesses do on a serve?
import sys, torch, argparse
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from palmod import hold_data
import snapdec, actref
from gamemodels.core import world_model
from gamemodels.world import *
p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('--model', default='diffusion'); p.add_argument('--hyp', type=int, default=1)
p.add_argument('--width', type=int, default=48); p.add_argument('--dil', default='1,2,4,2,1'); args = p.parse_args(); torch.set_num_threads(2)
store = hold_data(); pal = snapdec.palette(store, 128, 64)
wm = world_model(args.model, refine=False)
ref = actref.ActRefiner(wm.context - 1, args.width, 2, dil=tuple(map(int, args.dil.split(','))), hyp=args.hyp); ref.load_state_dict(torch.load(Path(args.run) / 'ref.pt', weights_only=True)); ref.eval()
print('tracking', ball_tracking(actref.bind(world_model(args.model, refine=False), actref.Stage(ref, pal)), record_heldout(2, 800), n=128), flush=True)
f, a = store.frames, store.actions
bx, _ = detect_ball(f); seen = ~torch.isnan(bx); C = wm.context
ends = set((torch.as_tensor(store.starts) - 1).tolist())
ids = [i for i in range(C, len(f) - 1) if a[i] == 1 and not seen[i] and not seen[i - 1] and seen[i + 1] and not any(j in ends for j in range(i - C, i + 1))][:48]
ctx = torch.stack([f[i - C + 1:i + 1] for i in ids]); acts = torch.stack([a[i - C + 1:i + 1] for i in ids])
with torch.inference_mode():
    guess = wm._next(ctx, acts)
    out = ref(guess, ctx, acts)
frames, logits = out if isinstance(out, tuple) else (out[:, None], torch.zeros(len(ids), 1))
print('serves', len(ids), 'real ball x', [round(float(bx[i + 1]), 1) for i in ids[:12]])
for k in range(frames.shape[1]):
    q = (frames[:, k].clamp(0, 1) * 255).round().to(torch.uint8)
    x, y = detect_ball(q); red = redness(q)[..., BALL_ROWS[0]:BALL_ROWS[1], BALL_COLS[0]:BALL_COLS[1]]
    print(f'guess {k}: p {logits.softmax(-1)[:, k].mean():.2f}, ball seen {(~torch.isnan(x)).float().mean():.2f}, red mass {red.sum((-1, -2)).mean():.2f}, max {red.amax((-1, -2)).mean():.2f}')
