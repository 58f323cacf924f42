"`gamemodels label`: mp4 files with no actions in, a dataset of labelled play out, as a user runs it (a subprocess)."
import json
from pathlib import Path
import pytest
from gamemodels.data import EpisodeDataset, HELDOUT_SEED
from gamemodels.envs import BreakoutOracle, MixedAgent
from gamemodels.idm import InverseDynamicsModel, make_walkthrough

from helpers import gm, last_json


@pytest.fixture(scope='module')
def videos(tmp_path_factory):
    "Two short walkthroughs of unseen play and an (untrained) IDM: what is tested here is the plumbing, not the labels."
    root = tmp_path_factory.mktemp('label')
    for i in range(2):
        make_walkthrough(MixedAgent(BreakoutOracle(), 10, seed=i), root / 'videos' / f'walk{i}.mp4', seed=HELDOUT_SEED + 300 + i,
                         max_steps=200, gap=(60, 80), length=(20, 30))
    InverseDynamicsModel().save_pretrained(root / 'idm')
    return root


def test_label_appends_and_skips_what_is_done(videos, tmp_path):
    out = tmp_path / 'ds'
    r = gm('label', videos / 'videos' / 'walk0.mp4', '--idm', videos / 'idm', '--out', out, '--quiet')
    assert r.returncode == 0, r.stderr
    one = last_json(r.stdout)
    assert one['videos'] == 1 and one['episodes'] >= 1 and one['still'] + one['blank'] > 0
    r = gm('label', videos / 'videos', '--idm', videos / 'idm', '--out', out, '--quiet')      # the folder: walk1 is new
    two = last_json(r.stdout)
    assert (two['videos'], two['skipped']) == (1, 1), two
    ds = EpisodeDataset(out)
    assert len(ds) == one['episodes'] + two['episodes'] and ds.steps == one['steps'] + two['steps']
    assert all(ep.confidence is not None and len(ep) >= 32 for ep in ds)
    assert sorted(Path(k).name for k in json.loads((out / 'manifest.json').read_text())['videos']) == ['walk0.mp4', 'walk1.mp4']


def test_a_bad_video_stops_the_run_and_loses_nothing(videos, tmp_path):
    folder, out = tmp_path / 'v', tmp_path / 'ds'
    folder.mkdir()
    (folder / 'a.mp4').write_bytes((videos / 'videos' / 'walk0.mp4').read_bytes())
    (folder / 'b.mp4').write_bytes(b'not a video at all')
    r = gm('label', folder, '--idm', videos / 'idm', '--out', out, '--quiet')
    assert r.returncode == 2 and 'b.mp4: not a readable video' in r.stderr, r.stderr
    assert len(EpisodeDataset(out)) >= 1                                           # a.mp4's play is saved


@pytest.mark.parametrize('args, message', [
    (['--game', 'pong'], 'the IDM reads breakout (4 actions), not pong'),
    (['--min-confidence', '2'], 'min_confidence must be in [0, 1]'),
])
def test_label_refuses_what_it_cannot_do(videos, tmp_path, args, message):
    r = gm('label', videos / 'videos', '--idm', videos / 'idm', '--out', tmp_path / 'ds', '--quiet', *args)
    assert r.returncode == 2 and message in r.stderr, r.stderr


def test_the_shipped_idm_reads_an_unseen_players_video(tmp_path):
    "The shipped IDM on a short h264 walkthrough of a player it never learned from: most play steps named within their set."
    from gamemodels.data import load_shipped
    from gamemodels.idm import label_video, label_steps, label_scores, load_truth
    p = make_walkthrough(MixedAgent(BreakoutOracle(), 10, seed=3), tmp_path / 'w.mp4', seed=HELDOUT_SEED + 400, max_steps=400,
                         gap=(150, 200), length=(30, 40))
    f = label_scores(label_steps(label_video(load_shipped('idm'), p), load_truth(p)))
    assert f['idm_accuracy_mp4'] >= 0.93 and f['idle_recall'] >= 0.95 and f['idle_false'] <= 0.05, f
