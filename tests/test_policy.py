"`gamemodels train policy` as a user runs it (a subprocess): the data, the checkpoint, the figures; and its refusals."
import json
import numpy as np
import pytest
from gamemodels.data import EpisodeDataset
from gamemodels.policy import Policy, FREQUENCIES, SUB_CLASSES

from helpers import gm, last_json


@pytest.fixture(scope='module')
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp('policy') / 'run'
    r = gm('train', 'policy', '--budget', 'test', '--out', out, '--quiet', '--threads', '1')
    assert r.returncode == 0, r.stderr
    return out, last_json(r.stdout)


def test_train_writes_a_policy_its_frequencies_and_figures(run):
    out, info = run
    policy = Policy.from_pretrained(out / 'model', config='tiny')
    assert policy.config.history == info['window'] == 16
    freqs = json.loads((out / 'model' / FREQUENCIES).read_text())['classes']
    assert [len(f) for f in freqs] == list(SUB_CLASSES) and all(abs(sum(f) - 1) < 1e-6 for f in freqs)
    for k in ('keys', 'buttons', 'dx', 'dy'): assert info[f'ppl_{k}'] >= 1 and info[f'ppl_{k}_baseline'] >= 1
    data = out.parent / 'data-policy-test'
    games = sorted(p.name for p in data.iterdir())
    assert games == ['aim', 'breakout-left', 'breakout-middle', 'breakout-play', 'breakout-right'], games
    aim = EpisodeDataset(data / 'aim')[0]
    assert aim.mouse is not None and aim.meta['instruction'].startswith('shoot the ')
    assert EpisodeDataset(data / 'breakout-left')[0].meta['instruction'] == 'stay on the left'


def test_train_again_records_nothing_and_resumes(run):
    out, info = run
    data = out.parent / 'data-policy-test'
    before = {p: p.stat().st_mtime_ns for p in data.rglob('*.npz')}
    r = gm('train', 'policy', '--budget', 'test', '--out', out, '--quiet', '--threads', '1')
    assert r.returncode == 0, r.stderr
    assert {p: p.stat().st_mtime_ns for p in data.rglob('*.npz')} == before     # no episode written again
    assert last_json(r.stdout)['steps'] == info['steps']


@pytest.mark.parametrize('args, says', [(['--config', 'huge'], "invalid choice: 'huge'"),
                                        (['--window', '40'], '--window must be in 1..16'),
                                        (['--steps', '0'], '--steps must be >= 1')])
def test_bad_options_are_refused_before_anything_is_written(tmp_path, args, says):
    r = gm('train', 'policy', '--budget', 'test', '--out', tmp_path / 'x', '--quiet', *args)
    assert r.returncode != 0 and says in r.stderr, r.stderr
    assert not (tmp_path / 'x').exists()
