"The `gamemodels` command, run as a user runs it: in a subprocess."
import json, os, signal, subprocess, sys, time
from pathlib import Path
import numpy as np
import pytest
from gamemodels.data import EpisodeDataset, load_episode

from helpers import EXE, ENV, gm, last_json


def test_help_lists_subcommands():
    r = gm('--help')
    assert r.returncode == 0
    for sub in ('record', 'bench', 'train', 'demo'): assert sub in r.stdout


def test_record_writes_a_valid_dataset(tmp_path):
    out = tmp_path / 'ds'
    r = gm('record', '--agent', 'random', '-n', 2, '--max-steps', 40, '--seed', 5, '-o', out, '--quiet')
    assert r.returncode == 0, r.stderr
    summary = last_json(r.stdout)
    assert summary['episodes'] == 2 and summary['steps'] <= 80
    ds = EpisodeDataset(out)
    assert [e['seed'] for e in ds.entries] == [5, 6]
    for ep in ds:
        assert ep.frames.shape[1:] == (210, 160, 3) and ep.frames.dtype == np.uint8
        assert len(ep.frames) == len(ep.actions) + 1
        assert ep.meta['game'] == 'breakout' and ep.meta['frameskip'] == 4 and ep.meta['agent'] == 'random'
        assert ep.keys.shape == (len(ep), 3)
    # recording again appends
    r = gm('record', '--agent', 'oracle', '-n', 1, '--max-steps', 30, '-o', out, '--quiet')
    assert r.returncode == 0, r.stderr
    ds = EpisodeDataset(out)
    assert len(ds) == 3 and ds[2].meta['agent'] == 'oracle' and ds[2].meta['frameskip'] == 2


@pytest.mark.parametrize('args, message', [
    (['record', '--game', 'brekout', '-o', 'X'], "unknown game 'brekout'; did you mean Breakout"),
    (['record', '--episodes', '0', '-o', 'X'], '--episodes must be >= 1'),
    (['record', '--percent-random', '150', '-o', 'X'], '--percent-random must be between 0 and 100'),
    (['record', '--sticky', '2', '-o', 'X'], '--sticky must be between 0 and 1'),
    (['record', '--game', 'pong', '-o', 'X'], 'the oracle agent plays Breakout only'),
    (['record'], 'the following arguments are required: --out'),
    (['record', '--agent', 'human', '-o', 'X'], "invalid choice: 'human'"),
    (['bench', 'nope'], "unknown benchmark 'nope'"),
    (['train', 'nope'], "unknown model 'nope'"),
])
def test_bad_arguments_give_a_clear_message(tmp_path, args, message):
    args = [str(tmp_path / 'out') if a == 'X' else a for a in args]
    r = gm(*args)
    assert r.returncode == 2
    assert message in r.stderr, r.stderr
    assert 'Traceback' not in r.stderr
    assert not (tmp_path / 'out').exists()     # nothing written on bad input


def test_bench_prints_json_last(tmp_path):
    r = gm('bench', 'oracle', '--budget', 'test')
    assert r.returncode == 0, r.stderr
    res = last_json(r.stdout)
    assert res['bench'] == 'oracle' and res['budget'] == 'test'
    assert res['settings']['frameskip'] == 2 and res['mean_score'] > 0


def _record_then_stop(out: Path, sig) -> subprocess.Popen:
    p = subprocess.Popen(EXE + ['record', '--agent', 'random', '-n', '200', '--max-steps', '150', '-o', str(out), '--quiet'],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
                         # as in a terminal: a background job (CI's shell) starts children with SIGINT ignored
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 60
    while time.time() < deadline:
        m = out / 'manifest.json'
        if m.exists() and len(json.loads(m.read_text())['episodes']) >= 2: break
        time.sleep(0.05)
    else:
        p.kill(); pytest.fail('recording did not start')
    p.send_signal(sig)
    _, p.err = p.communicate(timeout=60)
    return p


@pytest.mark.parametrize('sig', [signal.SIGINT, signal.SIGKILL])
def test_interrupted_record_keeps_every_finished_episode(tmp_path, sig):
    out = tmp_path / 'ds'
    p = _record_then_stop(out, sig)
    if sig == signal.SIGINT:
        assert p.returncode == 130
        assert 'interrupted' in p.err
    ds = EpisodeDataset(out)
    assert 2 <= len(ds) < 200
    for i in range(len(ds)): ds[i]                               # every listed episode loads and validates
    visible = sorted(f.name for f in out.iterdir() if not f.name.startswith('.'))
    listed = sorted(e['file'] for e in ds.entries)
    # every visible episode file is complete and loads; any not yet in the manifest is a finished one
    for f in visible:
        if f.endswith('.npz'): load_episode(out / f)
    assert set(listed) <= set(visible)
    if sig == signal.SIGINT:                                     # a clean stop leaves no temp files and a full manifest
        assert [f.name for f in out.iterdir() if f.name.startswith('.')] == []
        assert visible == sorted(listed + ['manifest.json'])


def test_demo_writes_gif_and_metrics(tmp_path):
    r = gm('demo', '--budget', 'test', '--no-neural', '--out', tmp_path / 'demo')   # the neural part: the test below
    assert r.returncode == 0, r.stderr
    m = json.loads((tmp_path / 'demo' / 'metrics.json').read_text())
    assert m['episodes'] >= 1 and (tmp_path / 'demo' / 'oracle.gif').stat().st_size > 1000


def test_demo_shows_each_world_model_beside_the_ones_before(tmp_path):
    r = gm('demo', '--budget', 'test', '--out', tmp_path / 'demo')     # the test budget trains both world models from scratch
    assert r.returncode == 0, r.stderr
    m = json.loads((tmp_path / 'demo' / 'metrics.json').read_text())
    for folder in ('neural', 'diffusion'):
        assert m[folder]['source'] == 'trained on the test budget' and Path(m[folder]['gif']).stat().st_size > 1000
        assert m[folder]['dyn_psnr_1'] > 0
    assert json.loads((tmp_path / 'demo' / 'diffusion' / 'metrics.json').read_text())['panels'] == ['real', 'lam', 'this model']
