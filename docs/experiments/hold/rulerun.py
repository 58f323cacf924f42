# Run 93: LEASTPX=L [NEARPX=N] python docs/experiments/hold/rulerun.py ARGS...: staticwhere.py ARGS with every refiner loaded
# with the library's play-time rule least=L (near=N); 4 games on both threads.
import os, sys, runpy
import gamemodels.world as W, gamemodels.a2l as A
fp = W.DetailRefiner.from_pretrained.__func__
def from_pretrained(cls, *a, **k):
    r = fp(cls, *a, **k); r.least = int(os.environ['LEASTPX'])
    if os.environ.get('NEARPX'): r.near = int(os.environ['NEARPX'])
    print('least', r.least, 'near', r.near, flush=True); return r
W.DetailRefiner.from_pretrained = classmethod(from_pretrained)
init = A.LatentWorldModel.__init__
def __init__(self, *a, **k): init(self, *a, **k); self.small_batch = 0   # 4 games on both threads
A.LatentWorldModel.__init__ = __init__
sys.argv = ['staticwhere.py'] + sys.argv[1:]
runpy.run_path('docs/experiments/hold/staticwhere.py', run_name='__main__')
