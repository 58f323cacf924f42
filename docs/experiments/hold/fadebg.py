# Fade toward the background, not toward the base model's guess: `fade` blends the last context frame toward the LAM's own
# guess of it, and by the wall that guess keeps the ball where it was (run 77's picture), so the faded frame shows two half
# balls and the ball's place inside its pixel, which foretells the turn (run 81), is lost. Here the same share of clips is
# faded by the same amounts toward the per-pixel median of the real context frames (the ball, moving, is in one of them):
# the ball dims in place. A fine-tune of RUN on hold.py's clips (`--hold 0`), `--turns` as there.
#   python docs/experiments/hold/fadebg.py RUN --base LAM A2L --data D --out OUT [--turns 0.25] [--steps 1500]
import sys, time, torch
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from gamemodels.world import *
from hold import finetune_parser, finetune_setup, finetune_clips, finetune

class BgFadeClips(RefinerClips):
    "`RefinerClips(fade=)` whose faded frame is blended toward the context's per-pixel median instead of the model's guess."
    def __init__(self, model, clips, **kw):
        super().__init__(model, clips, **kw)
        C = model.context
        for i in range(0, len(self.ids), 512):
            f, _ = clips.__getitems__(self.ids[i:i + 512].tolist())
            real = f[:, 1:C + 1]; bg = real.median(1).values.float(); al = self.alpha[i:i + 512, None, None, None]
            self.ctx[i:i + 512, -1] = (al * real[:, -1].float() + (1 - al) * bg).round().to(torch.uint8)

if __name__ == '__main__':
    a = finetune_parser(turns=0.25).parse_args(); t0 = time.perf_counter()
    wm, ref, store = finetune_setup(a)
    finetune(ref, finetune_clips(BgFadeClips, wm, ref, store, a), a, t0)
