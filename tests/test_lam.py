"The latent-action world model from the command line (`gamemodels train lam|a2l|lam-refiner`), and its bad inputs."
import json, os, subprocess, sys
from pathlib import Path
import pytest
import torch

from helpers import EXE, ENV, gm, last_json


@pytest.fixture(scope='module')
def trained(tmp_path_factory):
    "Train both models on the test budget through the CLI, once for this module."
    tmp = tmp_path_factory.mktemp('lam')
    r = gm('train', 'lam', '--budget', 'test', '--data', tmp / 'data', '--out', tmp / 'lam', '--quiet', '--episodes', '3',
           '--unroll', '2')
    assert r.returncode == 0, r.stderr
    lam = last_json(r.stdout)
    r = gm('train', 'a2l', '--budget', 'test', '--data', tmp / 'data', '--out', tmp / 'a2l', '--lam', tmp / 'lam/model', '--quiet')
    assert r.returncode == 0, r.stderr
    a2l = last_json(r.stdout)
    r = gm('train', 'lam-refiner', '--budget', 'test', '--data', tmp / 'data', '--out', tmp / 'ref', '--lam', tmp / 'lam/model',
           '--a2l', tmp / 'a2l/model', '--quiet')
    assert r.returncode == 0, r.stderr
    assert last_json(r.stdout)['model'] == 'lam-refiner'
    return tmp, lam, a2l


def test_train_lam_and_a2l_write_checkpoints(trained):
    tmp, lam, a2l = trained
    assert lam['model'] == 'lam' and lam['steps'] >= 1 and a2l['model'] == 'a2l'
    assert lam['unroll'] == 2 and 'mse_step3' in lam['last']   # clips unrolled two steps through the model's own drawings
    assert lam['episodes'] == 3                      # --episodes sets how many games are recorded (the test budget's own is 2)
    for name in ('lam', 'a2l', 'ref'):
        for f in ('model/model.safetensors', 'model/gamemodels.json', 'model/config.json', 'run/ckpt.pt', 'run/metrics.csv', 'train.json'):
            assert (tmp / name / f).exists(), f"{name}/{f} missing"
    from gamemodels.a2l import LatentWorldModel
    from gamemodels.data import EpisodeDataset, FrameStore
    store = FrameStore.from_dataset(EpisodeDataset(tmp / 'data'), [0])
    for wm in (LatentWorldModel.from_pretrained(tmp / 'lam/model', tmp / 'a2l/model'),
               LatentWorldModel.from_pretrained(tmp / 'lam/model', tmp / 'a2l/model', tmp / 'ref/model')):
        wm.reset(store.frames[:4], store.actions[:3])
        out = wm.step(1)
        assert out.shape == (3, 64, 64) and out.dtype == torch.uint8


def test_a2l_taught_on_its_own_loop_from_the_cli(trained, tmp_path):
    "`--loop`: after the fit on the LAM's codes, rounds on contexts the model drew itself; the rounds logged, the model playable; bad values refused."
    tmp = trained[0]
    r = gm('train', 'a2l', '--budget', 'test', '--data', tmp / 'data', '--out', tmp_path / 'loop', '--lam', tmp / 'lam/model', '--quiet',
           '--loop', '3', '--loop-rounds', '3', '--loop-clips', '10', '--loop-steps', '2')
    assert r.returncode == 0, r.stderr
    info = last_json(r.stdout)
    assert [d['clips'] for d in info['loop']] == [10, 20, 30] and all(0 <= d['picked_best_before'] <= 1 for d in info['loop'])
    from gamemodels.a2l import ActionToLatent
    assert ActionToLatent.from_pretrained(tmp_path / 'loop/model').n_codes == 8
    r = gm('train', 'a2l', '--budget', 'test', '--data', tmp / 'data', '--out', tmp_path / 'loopref', '--lam', tmp / 'lam/model', '--quiet',
           '--loop', '2', '--loop-refiner', tmp / 'ref/model')   # rolled with the refiner drawing every frame
    assert r.returncode == 0, r.stderr
    assert [d['clips'] for d in last_json(r.stdout)['loop']] == [32, 64]
    for bad, says in ((['--loop', '-2'], '--loop must be >= 0'), (['--loop', '2', '--loop-rounds', '0'], '--loop-rounds must be >= 1'),
                      (['--loop', '2', '--loop-refiner', tmp / 'nothing'], 'no lam-refiner checkpoint')):
        r = gm('train', 'a2l', '--budget', 'test', '--data', tmp / 'data', '--out', tmp_path / 'bad', '--lam', tmp / 'lam/model', '--quiet', *bad)
        assert r.returncode != 0 and says in r.stderr, r.stderr
        assert not (tmp_path / 'bad/model').exists()


def test_a2l_with_held_key_games_from_the_cli(trained, tmp_path):
    "`--held-episodes`: the recording made with games of keys held (the paddle at the walls) after the budget's; a folder without them refused."
    tmp = trained[0]
    r = gm('train', 'a2l', '--budget', 'test', '--data', tmp_path / 'held', '--out', tmp_path / 'a2l', '--lam', tmp / 'lam/model', '--quiet',
           '--held-episodes', '2')
    assert r.returncode == 0, r.stderr
    info = last_json(r.stdout)
    assert (info['episodes'], info['held_episodes']) == (4, 2)      # the test budget's 2 games, then 2 with keys held
    from gamemodels.data import EpisodeDataset
    repeats = [float((a[1:] == a[:-1]).mean()) for a in (EpisodeDataset(tmp_path / 'held')[i].actions for i in range(4))]
    assert min(repeats[2:]) > max(repeats[:2]), repeats   # held keys: steps repeat the key before more often than in the budget's games
    r = gm('train', 'a2l', '--budget', 'test', '--data', tmp / 'data', '--out', tmp_path / 'bad', '--lam', tmp / 'lam/model', '--quiet',
           '--held-episodes', '2')
    assert r.returncode == 2 and 'already holds a recording with 0, not 2' in r.stderr, r.stderr
    r = gm('train', 'a2l', '--budget', 'test', '--out', tmp_path / 'bad', '--lam', tmp / 'lam/model', '--quiet', '--held-episodes', '-1')
    assert r.returncode == 2 and '--held-episodes must be >= 0' in r.stderr, r.stderr
    assert not (tmp_path / 'bad/model').exists()


def test_refiner_with_clock_and_events_from_the_cli(trained, tmp_path):
    """A refiner told the step's parity and when something appears (a serve), its odds learned first, on the recording plus short
    games from their start: trained, saved, reloaded, and played, the bit drawn from its odds."""
    tmp = trained[0]
    r = gm('train', 'lam-refiner', '--budget', 'test', '--data', tmp / 'data', '--out', tmp_path / 'ev', '--lam', tmp / 'lam/model',
           '--a2l', tmp / 'a2l/model', '--quiet', '--keys', '2', '--weights', 'context', '--position', '--clock', '2', '--event', '--starts', '3',
           '--appear', '0.25', '--new', '4', '--second', '0.2', '--crop', '16', '--moving-weight', '20', '--odds-steps', '7',
           '--faint', '0.25', '--width', '8', '--fade', '0.5', '--fade-near', '1', '--least', '4', '--near', '2', '--odds-held',
           '--clip-grad', '0.5', '--odds-sight')
    assert r.returncode == 0, r.stderr
    info = last_json(r.stdout)
    assert (info['clock'], info['event'], info['starts']) == (2, True, 3)
    assert (info['second'], info['crop'], info['moving_weight'], info['held_episodes'], info['faint']) == (0.2, 16, 20.0, 0, 0.25)
    assert (info['fade'], info['fade_near'], info['clears'], info['least']) == (0.5, 1, 0.0, 4)
    assert info['odds_held'] is True
    import csv
    logged = list(csv.DictReader(open(tmp_path / 'ev/run/metrics.csv')))
    assert info['clip_grad'] == 0.5 and logged and all(float(m['grad_norm']) >= 0 for m in logged)   # clipped: the norm is logged
    assert info['odds_steps'] == 7 and int(torch.load(tmp_path / 'ev/odds/ckpt.pt', weights_only=True)['step']) == 7
    from gamemodels.data import EpisodeDataset
    assert len(EpisodeDataset(f"{tmp / 'data'}-starts")) == 3 and (tmp_path / 'ev/odds/ckpt.pt').exists()
    from gamemodels.a2l import LatentWorldModel
    wm = LatentWorldModel.from_pretrained(tmp / 'lam/model', tmp / 'a2l/model', tmp_path / 'ev/model')
    assert wm.refiner.odds_held and wm.refiner.odds.held   # a held FIRE counts as a press, after a reload too
    assert info['odds_sight'] is True and wm.refiner.odds.sight and len(wm.refiner.odds.seen) == 3   # the in-sight head, reloaded
    assert wm.refiner.clock == 2 and wm.refiner.event and (wm.refiner.least, wm.refiner.near, info['near']) == (4, 2, 2) and info['width'] == 8 and wm.refiner.net[0].out_channels == 8
    from gamemodels.world import game_starts
    ctx, acts = game_starts(2)
    wm.reset(ctx, acts)
    out = torch.stack([wm.step(torch.tensor([1, 0])) for _ in range(3)])
    assert out.shape == (3, 2, 3, 64, 64) and out.dtype == torch.uint8 and wm.t.tolist() == [6, 6]
    r = gm('train', 'lam-refiner', '--budget', 'test', '--data', tmp / 'data', '--out', tmp_path / 'bad', '--lam', tmp / 'lam/model',
           '--a2l', tmp / 'a2l/model', '--quiet', '--clock', '1')
    assert r.returncode == 2 and '--clock must be 0 or >= 2' in r.stderr, r.stderr
    r = gm('train', 'lam-refiner', '--budget', 'test', '--data', tmp / 'data', '--out', tmp_path / 'bad', '--lam', tmp / 'lam/model',
           '--a2l', tmp / 'a2l/model', '--quiet', '--moving-weight', '-1')
    assert r.returncode == 2 and '--moving-weight must be >= 0' in r.stderr, r.stderr
    r = gm('train', 'lam-refiner', '--budget', 'test', '--data', tmp / 'data', '--out', tmp_path / 'bad', '--lam', tmp / 'lam/model',
           '--a2l', tmp / 'a2l/model', '--quiet', '--event', '--odds-steps', '0')
    assert r.returncode == 2 and '--odds-steps must be >= 1' in r.stderr, r.stderr
    r = gm('train', 'lam-refiner', '--budget', 'test', '--data', tmp / 'data', '--out', tmp_path / 'bad', '--lam', tmp / 'lam/model',
           '--a2l', tmp / 'a2l/model', '--quiet', '--clip-grad', '0')
    assert r.returncode == 2 and '--clip-grad is a gradient norm' in r.stderr, r.stderr
    r = gm('train', 'lam-refiner', '--budget', 'test', '--data', tmp / 'data', '--out', tmp_path / 'bad', '--lam', tmp / 'lam/model',
           '--a2l', tmp / 'a2l/model', '--quiet', '--odds-sight')
    assert r.returncode == 2 and '--odds-sight needs --event' in r.stderr, r.stderr
    r = gm('train', 'lam-refiner', '--budget', 'test', '--data', tmp / 'data', '--out', tmp_path / 'bad', '--lam', tmp / 'lam/model',
           '--a2l', tmp / 'a2l/model', '--quiet', '--odds-held')
    assert r.returncode == 2 and '--odds-held needs --event' in r.stderr, r.stderr
    r = gm('train', 'lam-refiner', '--budget', 'test', '--data', tmp / 'data', '--out', tmp_path / 'bad', '--lam', tmp / 'lam/model',
           '--a2l', tmp / 'a2l/model', '--quiet', '--faint', '1.5')
    assert r.returncode == 2 and '--faint must be in [0, 1]' in r.stderr, r.stderr
    r = gm('train', 'lam-refiner', '--budget', 'test', '--data', tmp / 'data', '--out', tmp_path / 'bad', '--lam', tmp / 'lam/model',
           '--a2l', tmp / 'a2l/model', '--quiet', '--width', '0')
    assert r.returncode == 2 and '--width must be >= 1' in r.stderr, r.stderr
    r = gm('train', 'lam-refiner', '--budget', 'test', '--data', tmp / 'data', '--out', tmp_path / 'bad', '--lam', tmp / 'lam/model',
           '--a2l', tmp / 'a2l/model', '--quiet', '--fade-near', '2')     # the blend kept near the ball: there must be a blend
    assert r.returncode == 2 and '--fade-near must be >= 0 and needs --fade' in r.stderr, r.stderr
    r = gm('train', 'lam-refiner', '--budget', 'test', '--data', tmp / 'data', '--out', tmp_path / 'bad', '--lam', tmp / 'lam/model',
           '--a2l', tmp / 'a2l/model', '--quiet', '--appear', '0.5', '--clears', '0.5')
    assert r.returncode == 2 and '--clears must be in [0, 1 - appear - turns)' in r.stderr, r.stderr
    r = gm('train', 'lam-refiner', '--budget', 'test', '--data', tmp / 'data', '--out', tmp_path / 'bad', '--lam', tmp / 'lam/model',
           '--a2l', tmp / 'a2l/model', '--quiet', '--clears', '0.1')     # these short games clear no brick: said, not trained around
    assert r.returncode == 2 and 'clears: no clip shows a change' in r.stderr, r.stderr
    r = gm('train', 'lam-refiner', '--budget', 'test', '--data', tmp / 'data', '--out', tmp_path / 'bad', '--lam', tmp / 'lam/model',
           '--a2l', tmp / 'a2l/model', '--quiet', '--held-episodes', '2')     # held-key games are added only when recording
    assert r.returncode == 2 and 'already holds a recording with 0, not 2' in r.stderr, r.stderr


def test_train_a2l_needs_a_lam(tmp_path):
    r = gm('train', 'a2l', '--budget', 'test', '--lam', tmp_path / 'nothing', '--out', tmp_path / 'a2l', '--quiet')
    assert r.returncode == 2 and 'no lam checkpoint' in r.stderr


def test_train_lam_refiner_needs_both_checkpoints(trained, tmp_path):
    r = gm('train', 'lam-refiner', '--budget', 'test', '--lam', trained[0] / 'lam/model', '--a2l', tmp_path / 'nothing', '--out', tmp_path / 'r', '--quiet')
    assert r.returncode == 2 and 'no a2l checkpoint' in r.stderr
    assert not (tmp_path / 'r').exists()                 # nothing written before the inputs are checked


def test_bad_inputs(trained):
    tmp = trained[0]
    from gamemodels.lam import LatentActionModel
    from gamemodels.a2l import ActionToLatent, LatentWorldModel
    wm = LatentWorldModel.from_pretrained(tmp / 'lam/model', tmp / 'a2l/model')
    frames = torch.zeros(3, 3, 64, 64, dtype=torch.uint8)
    with pytest.raises(ValueError, match='exactly 4 frames'): wm.reset(frames)                       # wrong context size
    wm.reset(torch.zeros(4, 3, 64, 64, dtype=torch.uint8))
    with pytest.raises(ValueError, match='outside the game'): wm.step(4)                              # not a Breakout action
    with pytest.raises(ValueError, match='outside the game'): wm.step(-1)
    with pytest.raises(TypeError, match='LatentActionModel checkpoint'): ActionToLatent.from_pretrained(tmp / 'lam/model')
    with pytest.raises(TypeError, match='ActionToLatent checkpoint'): LatentActionModel.from_pretrained(tmp / 'a2l/model')
    with pytest.raises(TypeError, match='checkpoint'): LatentWorldModel.from_pretrained(tmp / 'a2l/model', tmp / 'lam/model')
    with pytest.raises(TypeError, match='not a gamemodels.world.DetailRefiner'): LatentWorldModel.from_pretrained(tmp / 'lam/model', tmp / 'a2l/model', tmp / 'a2l/model')


def test_bad_cli_arguments(tmp_path):
    r = gm('train', 'lam', '--budget', 'test', '--steps', '0', '--out', tmp_path / 'x', '--quiet')
    assert r.returncode == 2 and '--steps must be >= 1' in r.stderr
    r = gm('train', 'lam', '--budget', 'test', '--unroll', '-1', '--out', tmp_path / 'u', '--quiet')
    assert r.returncode == 2 and '--unroll must be >= 0' in r.stderr and not (tmp_path / 'u' / 'model').exists()
    r = gm('train', 'a2l', '--budget', 'test', '--episodes', '0', '--out', tmp_path / 'y', '--quiet')
    assert r.returncode == 2 and '--episodes must be >= 1' in r.stderr
    r = gm('bench', 'lam', '--budget', 'test', cwd=tmp_path)   # from elsewhere the shipped checkpoints are still found, or a clear error
    assert r.returncode in (0, 2)
    if r.returncode == 2: assert 'no checkpoint' in r.stderr
