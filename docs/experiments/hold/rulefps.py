# The play-time rule's cost in speed: `world_fps` (batch 1) of the shipped LAM pair with the refiner's rule off and on (from
# RULED's config), alternated 3 times in one process; the ratio is the figure (this host drifts):
#   python docs/experiments/hold/rulefps.py RULED_REFINER_FOLDER
import sys, torch, numpy as np
from gamemodels.world import world_fps, DetailRefiner
from gamemodels.a2l import shipped_world_model, record_heldout
torch.set_num_threads(2); ho = record_heldout(1, 200); wm = shipped_world_model()
ruled = DetailRefiner.from_pretrained(sys.argv[1]); plain = DetailRefiner.from_pretrained(sys.argv[1]); plain.least, plain.near = 0, None
fps = {'plain': [], 'ruled': []}
for _ in range(3):
    for k, r in (('plain', plain), ('ruled', ruled)): wm.refiner = r.eval(); fps[k].append(world_fps(wm, ho, 300))
print({k: [round(v, 1) for v in vs] for k, vs in fps.items()}, 'ruled / plain (medians):', round(np.median(fps['ruled']) / np.median(fps['plain']), 3))
