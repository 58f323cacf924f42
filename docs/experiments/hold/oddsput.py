# Run 91: one run's event odds put into copies of other runs' refiners (their weights and rules kept; the odds' `held` and
# `sight` as the donor's):  python docs/experiments/hold/oddsput.py DONOR RUN:NEW ...
import sys, json, shutil
from pathlib import Path
from gamemodels.world import DetailRefiner
donor = DetailRefiner.from_pretrained(Path(sys.argv[1]) / 'model'); dc = json.loads((Path(sys.argv[1]) / 'model/config.json').read_text())
for spec in sys.argv[2:]:
    run, new = spec.split(':'); cfg = json.loads((Path(run) / 'model/config.json').read_text())
    ref = DetailRefiner(**{**cfg, 'odds_held': dc['odds_held'], 'odds_sight': dc.get('odds_sight', False)})
    ref.load_state_dict({**{k: v for k, v in DetailRefiner.from_pretrained(Path(run) / 'model').state_dict().items() if not k.startswith('odds.')},
                         **{k: v for k, v in donor.state_dict().items() if k.startswith('odds.')}})
    ref.save_pretrained(Path(new) / 'model')
    if (Path(run) / 'train.json').exists(): shutil.copy(Path(run) / 'train.json', Path(new) / 'train.json')
    print('saved', Path(new) / 'model')
