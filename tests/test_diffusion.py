"The diffusion world model from the command line (`gamemodels train diffusion`, `gamemodels bench diffusion`), and its bad inputs."
import json, os, subprocess, sys
from pathlib import Path
import pytest
import torch

from helpers import EXE, ENV, gm, last_json


@pytest.fixture(scope='module')
def trained(tmp_path_factory):
    "Train a denoiser on the test budget through the CLI, once for this module."
    tmp = tmp_path_factory.mktemp('diffusion')
    r = gm('train', 'diffusion', '--budget', 'test', '--data', tmp / 'data', '--out', tmp / 'dif', '--quiet', '--held-episodes', '1')
    assert r.returncode == 0, r.stderr
    return tmp, last_json(r.stdout)


def test_train_diffusion_writes_a_playable_checkpoint(trained):
    tmp, info = trained
    assert info['model'] == 'diffusion' and info['steps'] == info['planned_steps'] >= 1 and not info['stopped_by_time']
    assert info['paddle_weight'] == 32 and json.loads((tmp / 'dif/model/config.json').read_text())['paddle_weight'] == 32   # the default
    for f in ('model/model.safetensors', 'model/gamemodels.json', 'model/config.json', 'run/ckpt.pt', 'run/metrics.csv', 'train.json'):
        assert (tmp / 'dif' / f).exists(), f"{f} missing"
    from gamemodels.diffusion import DiffusionWorldModel
    from gamemodels.data import EpisodeDataset, FrameStore
    ds = EpisodeDataset(tmp / 'data')                 # the LAM's 2 test-budget games, then 1 with random keys held for runs
    assert len(ds) == 3 and [ds[i].meta['agent'] for i in range(3)][2] == 'oracle+50%random(held 4-32)'
    store = FrameStore.from_dataset(ds, [0])
    a = DiffusionWorldModel.from_pretrained(tmp / 'dif/model', seed=3)
    b = DiffusionWorldModel.from_pretrained(tmp / 'dif/model', seed=3)
    for wm in (a, b): wm.reset(store.frames[:4], store.actions[:3])
    fa, fb = [torch.stack([wm.step(i % 4) for i in range(3)]) for wm in (a, b)]
    assert fa.shape == (3, 3, 64, 64) and fa.dtype == torch.uint8
    assert torch.equal(fa, fb)                                     # the same seed imagines the same game


def test_resume_continues_a_stopped_run(trained, tmp_path):
    tmp = trained[0]
    r = gm('train', 'diffusion', '--budget', 'test', '--data', tmp / 'data', '--out', tmp_path / 'r', '--steps', '4', '--quiet')
    assert r.returncode == 0, r.stderr
    r = gm('train', 'diffusion', '--budget', 'test', '--data', tmp / 'data', '--out', tmp_path / 'r', '--steps', '6', '--quiet')
    assert r.returncode == 0, r.stderr
    rows = (tmp_path / 'r/run/metrics.csv').read_text().strip().splitlines()
    assert last_json(r.stdout)['steps'] == 6 and rows[-1].startswith('6,')
    r = gm('train', 'diffusion', '--budget', 'test', '--data', tmp / 'data', '--out', tmp_path / 'r2', '--held-episodes', '2', '--quiet')
    assert r.returncode == 2 and 'already holds a recording' in r.stderr        # held games are added only when recording


def test_bench_diffusion_on_a_given_checkpoint(trained):
    from gamemodels.bench import run_bench
    from gamemodels.diffusion import SAMPLING_STEPS
    m = run_bench('diffusion', budget='test', threads=1, model=str(trained[0] / 'dif/model'))
    for k in ('psnr_1', 'copy_psnr_1', 'dyn_psnr_1', 'copy_dyn_psnr_8', 'ball_err_4', 'paddle_err_16', 'paddle_control', 'alive_10', 'fps', 'targets', 'guidance', 'compare'):
        assert k in m, k
    assert set(m['targets']) >= {'dyn_psnr_1', 'dyn_psnr_8', 'fps'} and m['sampling_steps'] == SAMPLING_STEPS and m['sigma_min'] == 0.1


def test_diffusion_refiner_from_the_cli(trained, tmp_path):
    tmp = trained[0]
    r = gm('train', 'diffusion-refiner', '--budget', 'test', '--data', tmp / 'data', '--model', tmp / 'dif/model', '--out', tmp_path / 'ref', '--quiet',
           '--sampling-steps', '1')
    assert r.returncode == 0, r.stderr
    info = last_json(r.stdout)
    assert info['model'] == 'diffusion-refiner' and (tmp_path / 'ref/model/model.safetensors').exists() and info['sampling_steps'] == 1
    from gamemodels.bench import run_bench
    m = run_bench('diffusion', budget='test', threads=1, model=str(tmp / 'dif/model'), refiner=str(tmp_path / 'ref/model'))
    assert m['refiner'] == str(tmp_path / 'ref/model') and m['train_minutes'] is not None and 'dyn_psnr_1' in m
    r = gm('train', 'diffusion-refiner', '--budget', 'test', '--model', tmp_path / 'nothing', '--out', tmp_path / 'x', '--quiet')
    assert r.returncode == 2 and 'no diffusion checkpoint' in r.stderr
    r = gm('train', 'diffusion-refiner', '--budget', 'test', '--model', tmp / 'dif/model', '--out', tmp_path / 'y', '--sampling-steps', '0', '--quiet')
    assert r.returncode == 2 and '--sampling-steps must be >= 1' in r.stderr


def test_keyed_palette_refiner_from_the_cli(trained, tmp_path):
    """A refiner that sees the last two keys and where it is, learns with weights from the context (and what appears) on faded
    contexts, and snaps to the data's palette: trained, saved, played."""
    tmp = trained[0]
    r = gm('train', 'diffusion-refiner', '--budget', 'test', '--data', tmp / 'data', '--model', tmp / 'dif/model', '--out', tmp_path / 'ref', '--quiet',
           '--sampling-steps', '1', '--keys', '2', '--weights', 'context', '--palette', '16', '--position', '--new', '40', '--fade', '0.7')
    assert r.returncode == 0, r.stderr
    info = last_json(r.stdout)
    assert (info['keys'], info['weights'], info['palette'], info['position'], info['new'], info['fade']) == (2, 'context', 16, True, 40, 0.7)
    from gamemodels.world import DetailRefiner
    ref = DetailRefiner.from_pretrained(tmp_path / 'ref/model')
    assert ref.keys == 2 and 16 <= len(ref.palette) <= 24 and ref.position == 64
    from gamemodels.bench import run_bench
    m = run_bench('diffusion', budget='test', threads=1, model=str(tmp / 'dif/model'), refiner=str(tmp_path / 'ref/model'))
    assert 'dyn_psnr_1' in m and 'flicker_ratio' in m     # played through ContextWorldModel.step, which hands the refiner the keys
    r = gm('train', 'diffusion-refiner', '--budget', 'test', '--model', tmp / 'dif/model', '--out', tmp_path / 'z', '--keys', '-1', '--quiet')
    assert r.returncode == 2 and '--keys and --palette must be >= 0' in r.stderr
    r = gm('train', 'diffusion-refiner', '--budget', 'test', '--model', tmp / 'dif/model', '--out', tmp_path / 'z', '--fade', '2', '--quiet')
    assert r.returncode == 2 and 'fade must be in [0, 1]' in r.stderr, r.stderr


def test_bad_inputs(trained):
    tmp = trained[0]
    from gamemodels.diffusion import Denoiser, DiffusionWorldModel, sample_next
    from gamemodels.lam import LatentActionModel
    wm = DiffusionWorldModel.from_pretrained(tmp / 'dif/model')
    with pytest.raises(ValueError, match='exactly 4 frames'): wm.reset(torch.zeros(3, 3, 64, 64, dtype=torch.uint8))   # context of the wrong length
    with pytest.raises(ValueError, match='64x64'): wm.reset(torch.zeros(4, 3, 32, 32, dtype=torch.uint8))             # wrong size
    with pytest.raises(ValueError, match='NaN'): wm.reset(torch.full((4, 3, 64, 64), float('nan')))                    # NaN in the context
    with pytest.raises(ValueError, match='sigma_min'): DiffusionWorldModel.from_pretrained(tmp / 'dif/model', sigma_min=0)
    with pytest.raises(ValueError, match='>= 1'): DiffusionWorldModel(wm.model, steps=0)                              # step count < 1
    with pytest.raises(ValueError, match='>= 1'): sample_next(wm.model, torch.zeros(1, 4, 3, 64, 64, dtype=torch.uint8), torch.zeros(1, 4), steps=0)
    with pytest.raises(RuntimeError, match='reset'): DiffusionWorldModel(wm.model).step(0)
    wm.reset(torch.zeros(4, 3, 64, 64, dtype=torch.uint8))
    with pytest.raises(ValueError, match='outside the game'): wm.step(4)
    with pytest.raises(TypeError, match='Denoiser checkpoint'): LatentActionModel.from_pretrained(tmp / 'dif/model')


def test_bad_cli_arguments(tmp_path):
    for args, msg in ((('--steps', '0'), '--steps must be >= 1'), (('--lr', '-1'), '--lr must be > 0'), (('--minutes', '0'), '--minutes must be > 0'),
                      (('--paddle-weight', '-1'), '--paddle-weight must be >= 0')):
        r = gm('train', 'diffusion', '--budget', 'test', *args, '--out', tmp_path / 'x', '--quiet')
        assert r.returncode == 2 and msg in r.stderr, (args, r.stderr)
