# An event refiner saved before `AppearOdds` saw frame differences, with odds fitted by oddsfit.py in place of its own:
#   python docs/experiments/hold/reodds.py OLD_RUN ODDS.pt NEW_RUN   ->  NEW_RUN/model (loads with today's library)
import sys, json, torch
from pathlib import Path
from safetensors.torch import load_file
from gamemodels.world import DetailRefiner
old, odds, new = Path(sys.argv[1]) / 'model', torch.load(sys.argv[2], weights_only=True), Path(sys.argv[3])
cfg = json.loads((old / 'config.json').read_text())
r = DetailRefiner(**cfg)
sd = {k: v for k, v in load_file(old / 'model.safetensors').items() if not k.startswith('odds.')}
sd.update({f'odds.{k}': v for k, v in odds.items()})
r.load_state_dict(sd); r.save_pretrained(new / 'model')
if (old.parent / 'train.json').exists(): (new / 'train.json').write_text((old.parent / 'train.json').read_text())
print('saved', new / 'model')
