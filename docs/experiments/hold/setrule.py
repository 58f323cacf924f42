# A trained refiner saved again with the library's play-time rules (`DetailRefiner(least=, near=)`), its weights unchanged:
#   python docs/experiments/hold/setrule.py RUN OUT [--least L] [--near R]   ->  OUT/model (then benchref.py OUT ...)
import argparse, json
from pathlib import Path
from gamemodels.world import DetailRefiner
p = argparse.ArgumentParser(); p.add_argument('run'); p.add_argument('out'); p.add_argument('--least', type=int, default=0); p.add_argument('--near', type=int)
a = p.parse_args()
src = Path(a.run) / 'model' if (Path(a.run) / 'model').exists() else Path(a.run)
cfg = json.loads((src / 'config.json').read_text()); cfg.update(least=a.least, near=a.near)
r = DetailRefiner(**cfg); r.load_state_dict(DetailRefiner.from_pretrained(src).state_dict())
r.save_pretrained(Path(a.out) / 'model'); print(Path(a.out) / 'model', cfg | dict(palette=len(cfg.get('palette') or [])))
