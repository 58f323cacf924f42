# The full `gamemodels bench lam` (cpu budget) on a library-trained latent-action refiner, not the shipped one:
#   python docs/experiments/hold/benchref.py RUN [LAM A2L]  ->  RUN/bench.json, RUN/bench_strip.png
#   (LAM, A2L: another base model's folders holding `model/`; RUN 'none' with them: the base alone, figures into LAM)
import os, sys, json, torch
from pathlib import Path
from gamemodels.a2l import bench_lam
if os.environ.get('TRACK'):   # TRACK=RUN [HOLD=H] [RULE=1]: the run's refiner split by its event bit with RUN's (evsplit.py)
    import gamemodels.a2l as A; sys.path.insert(0, str(Path(__file__).parent)); from evsplit import EventSplit
    _DR = A.DetailRefiner
    class _Split:
        from_pretrained = staticmethod(lambda p: EventSplit(_DR.from_pretrained(p), _DR.from_pretrained(Path(os.environ['TRACK']) / 'model'), int(os.environ.get('HOLD', 0)), bool(int(os.environ.get('RULE', 0)))))
    A.DetailRefiner = _Split
if os.environ.get('ODDS'):   # ODDS=F: the run's event odds replaced by odds fitted by oddsfit.py --save F
    import gamemodels.a2l as A; sys.path.insert(0, str(Path(__file__).parent)); from oddsfit import swap_odds
    _DR0 = A.DetailRefiner
    class _Swap:
        from_pretrained = staticmethod(lambda p: swap_odds(_DR0.from_pretrained(p), os.environ['ODDS']))
    A.DetailRefiner = _Swap
run = Path(sys.argv[1]); torch.set_num_threads(int(os.environ.get('THREADS', 2))); torch.manual_seed(0)
base = dict(lam=sys.argv[2] + '/model', a2l=sys.argv[3] + '/model') if len(sys.argv) > 3 else {}
if sys.argv[1] == 'none': run = Path(sys.argv[2])
r = bench_lam('cpu', refiner='none' if sys.argv[1] == 'none' else str(run / 'model'), strip=str(run / ('bench_strip_split.png' if os.environ.get('TRACK') else 'bench_strip_odds.png' if os.environ.get('ODDS') else 'bench_strip.png')), **base)
(run / (f"bench-split-{Path(os.environ['TRACK']).name}-h{os.environ.get('HOLD', 0)}.json" if os.environ.get('TRACK') else f"bench-odds-{Path(os.environ['ODDS']).stem}.json" if os.environ.get('ODDS') else 'bench.json')).write_text(json.dumps(r, indent=1, default=str))
keys = ('static_psnr_1000', 'static_psnr_3000', 'ball_share_ratio', 'bricks_ratio', 'flicker_ratio', 'alive_3000', 'lives_lost',
        'dyn_psnr_1', 'ball_err_4', 'paddle_control', 'fps', 'alive_200')
print({k: r.get(k) for k in keys}, r.get('targets'), flush=True)
