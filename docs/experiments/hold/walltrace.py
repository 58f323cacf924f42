# Run 93: the LAM's guess and the refiner's output (red channel, rows 53-60 of the last 12 columns) at steps 715-719 of
# game 1 of the bench's open loop, the unrolled LAM + a2lur + shipu: where the right wall starts to fade.
#   python docs/experiments/hold/walltrace.py
import sys, torch
import gamemodels.world as W
from gamemodels.world import OpenLoop, drive
from gamemodels.a2l import LatentWorldModel
torch.set_num_threads(2); torch.manual_seed(0)
wm = LatentWorldModel.from_pretrained('runs/hold/lamunroll2/model', 'runs/hold/a2lur/model', 'runs/hold/shipu/model'); wm.small_batch = 0
orig = W.DetailRefiner.refine; T = [0]; g = 1
def refine(self, guess, ctx, actions=None, *a, **k):
    out = orig(self, guess, ctx, actions, *a, **k); T[0] += 1
    if 715 <= T[0] <= 719:
        print('step', T[0], 'keys', actions[g].tolist())
        for name, im in (('last', ctx[g, -1]), ('guess', guess[g]), ('out', out[g])):
            print(' ', name); print('\n'.join('   ' + ' '.join(f'{v:3d}' for v in im[0, y, 52:64].tolist()) for y in range(53, 61)))
    return out
W.DetailRefiner.refine = refine
drive(wm, [OpenLoop(4)], 719)
