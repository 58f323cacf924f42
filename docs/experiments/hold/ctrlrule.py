# `paddle_control` and `alive` (the bench's one-step control figures, the bench's held-out games) of the shipped LAM pair under
# the library's play-time rule at several `least` (and `near`), to see which of the 128 held key presses a rule costs (run 87):
#   python docs/experiments/hold/ctrlrule.py [--least 0 2 3 4 6] [--near R] [--refiner FOLDER]
import argparse, torch
from gamemodels.world import paddle_control, alive, control_contexts, detect_paddle, DetailRefiner
from gamemodels.a2l import shipped_world_model, record_heldout
ap = argparse.ArgumentParser(); ap.add_argument('--least', type=int, nargs='+', default=[0, 2, 3, 4, 6]); ap.add_argument('--near', type=int)
ap.add_argument('--refiner'); a = ap.parse_args()
torch.set_num_threads(2); ho = record_heldout(4, 800); wm = shipped_world_model()
if a.refiner: wm.refiner = DetailRefiner.from_pretrained(a.refiner)
f, acts = control_contexts(ho, wm.context); x0 = detect_paddle(f[:, -1])
for least in a.least:
    wm.refiner.least, wm.refiner.near = least, a.near
    moved = {}
    for act, sign in ((2, 1), (3, -1)):
        wm.reset(f, acts)
        for _ in range(8): out = wm.step(torch.full((len(f),), act))
        moved[act] = ((detect_paddle(out) - x0) * sign).nan_to_num(-99)
    short = {k: [(i, round(float(v[i]), 2)) for i in torch.nonzero(v < 1)[:, 0].tolist()] for k, v in moved.items()}
    print(f'least {least} near {a.near}: paddle_control {paddle_control(wm, ho):.4f}, alive_200 {alive(wm, ho):.2f}; short of 1 px (context, px):', short, flush=True)
