"""`gamemodels.train.fit` under torchrun: two CPU processes over gloo.

A notebook runs in one process, so what only happens with several lives here:

- both processes end with identical weights, and they match a single process trained on the same
  global batches (the loss is a mean, so the average of the two half-batch gradients is the
  full-batch gradient);
- a torchrun run stopped part way (`stop_after`) and resumed by a second torchrun launch ends where
  an uninterrupted torchrun run ends, dropout included.
"""
import importlib.util, json, os, subprocess, sys
from pathlib import Path
import pytest
import torch

SCRIPT = '''
import json, sys
from pathlib import Path
import torch
from torch import nn
from torch.utils.data import TensorDataset
from gamemodels.train import fit, dist_info, load_checkpoint

def data():
    g = torch.Generator().manual_seed(0)
    X = torch.randn(200, 6, generator=g)
    y = X @ torch.randn(6, 1, generator=g) + 0.1 * torch.randn(200, 1, generator=g)
    return TensorDataset(X, y)   # 200 is not a multiple of 16: some batches straddle two epochs

def make_model(dropout, seed=1):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(6, 16), nn.Tanh(), nn.Dropout(dropout), nn.Linear(16, 1))

def loss_fn(model, batch):
    x, t = batch
    p = model(x)
    # n and xsum show which examples this process saw: its slice of the global batch
    return nn.functional.mse_loss(p, t), {'mae': (p - t).abs().mean(), 'n': float(len(x)), 'xsum': x.sum()}

KW = dict(steps=30, batch_size=16, lr=1e-2, lr_schedule='cosine', warmup=3, weight_decay=0.01, clip_grad=1.0,
          log_every=5, ckpt_every=10, seed=7, progress=False)

def save(out, name, res):
    rank, world = dist_info()
    torch.save(res.model.state_dict(), out / f'{name}-rank{rank}.pt')
    info = dict(history=res.history, world=world, step=res.step, interrupted=res.interrupted)
    (out / f'{name}-rank{rank}.json').write_text(json.dumps(info))

if __name__ == '__main__':
    torch.set_num_threads(1)
    out = Path(sys.argv[1])
    for mode in sys.argv[2].split(','):
        if mode == 'plain':      # no dropout: comparable with one process
            save(out, 'plain', fit(make_model(0.0), loss_fn, data(), run_dir=out / 'run-plain', **KW))
        elif mode == 'stop':     # killed after 13 steps (between checkpoints, inside a logging window)
            save(out, 'stop', fit(make_model(0.2), loss_fn, data(), run_dir=out / 'run-resume', stop_after=13, **KW))
        elif mode == 'resume':   # a new launch picks the run up; then the same run without a stop
            save(out, 'resumed', fit(make_model(0.2, seed=5), loss_fn, data(), run_dir=out / 'run-resume', **KW))
            save(out, 'full', fit(make_model(0.2), loss_fn, data(), run_dir=out / 'run-full', **KW))
        else: raise SystemExit(f'unknown mode {mode}')
'''


def torchrun(workdir: Path, *args, nproc: int = 2):
    env = {k: v for k, v in os.environ.items() if k not in ('RANK', 'WORLD_SIZE', 'LOCAL_RANK', 'MASTER_ADDR', 'MASTER_PORT')}
    env.update(OMP_NUM_THREADS='1', GAMEMODELS_THREADS='1', CUDA_VISIBLE_DEVICES='')   # CPU and gloo, even on a GPU machine
    cmd = [sys.executable, '-m', 'torch.distributed.run', '--standalone', f'--nproc_per_node={nproc}',
           str(workdir / 'ddp_script.py'), str(workdir), *args]
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180, cwd=workdir)
    assert r.returncode == 0, f"torchrun failed ({r.returncode}):\n{r.stdout[-4000:]}\n{r.stderr[-4000:]}"


@pytest.fixture(scope='module')
def workdir(tmp_path_factory):
    "One torchrun launch (each costs seconds) runs the plain run and the run that stops at step 13."
    d = tmp_path_factory.mktemp('ddp')
    (d / 'ddp_script.py').write_text(SCRIPT)
    torchrun(d, 'plain,stop')
    return d


def weights(workdir, name, rank): return torch.load(workdir / f'{name}-rank{rank}.pt', weights_only=True)
def info(workdir, name, rank): return json.loads((workdir / f'{name}-rank{rank}.json').read_text())


def assert_same(a: dict, b: dict, atol=None):
    assert list(a) == list(b)
    for k in a:
        if atol is None: assert torch.equal(a[k], b[k]), f"{k} differs: max |diff| {(a[k] - b[k]).abs().max():.3g}"
        else: torch.testing.assert_close(a[k], b[k], atol=atol, rtol=0, msg=lambda m: f"{k}: {m}")


def single_process(workdir: Path, run_dir: Path):
    "The same training as the script's 'plain' mode, in this (single) process."
    spec = importlib.util.spec_from_file_location('ddp_script', workdir / 'ddp_script.py')
    mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
    from gamemodels.train import dist_info
    assert dist_info() == (0, 1)
    return mod.fit(mod.make_model(0.0), mod.loss_fn, mod.data(), run_dir=run_dir, **mod.KW)


def test_ddp_matches_single_process(workdir):
    w0, w1 = weights(workdir, 'plain', 0), weights(workdir, 'plain', 1)
    assert_same(w0, w1)                                   # DDP keeps the processes identical, bit for bit
    i0, i1 = info(workdir, 'plain', 0), info(workdir, 'plain', 1)
    assert i0['world'] == 2 and i0['step'] == 30 and not i0['interrupted']
    assert i0['history'] == i1['history']                 # logged losses are averaged over the processes

    single = single_process(workdir, workdir / 'run-single')
    assert_same(w0, single.model.state_dict(), atol=1e-5)  # mean of half-batch gradients == full-batch gradient
    steps = [r['step'] for r in i0['history']]
    assert steps == [r['step'] for r in single.history] == [5, 10, 15, 20, 25, 30]
    for r_ddp, r_one in zip(i0['history'], single.history):
        for k in ('loss', 'mae', 'grad_norm', 'lr'): assert r_ddp[k] == pytest.approx(r_one[k], rel=1e-4, abs=1e-6), (k, r_ddp, r_one)
        # each process took half of the global batch, and the halves together are the single process's batch
        assert (r_ddp['n'], r_one['n']) == (8.0, 16.0)
        assert r_ddp['xsum'] == pytest.approx(r_one['xsum'] / 2, rel=1e-4, abs=1e-5)

    # rank 0 wrote one checkpoint and one CSV, with the same rows as the processes returned
    from gamemodels.train import load_checkpoint, load_metrics
    ck = load_checkpoint(workdir / 'run-plain')
    assert ck['step'] == 30 and ck['config']['world'] == 2
    assert_same(ck['model'], w0)
    assert [r['step'] for r in load_metrics(workdir / 'run-plain')] == steps


def test_ddp_stop_and_resume_is_exact(workdir):
    s0 = info(workdir, 'stop', 0)
    assert s0['step'] == 13 and s0['interrupted']
    from gamemodels.train import load_checkpoint
    assert load_checkpoint(workdir / 'run-resume')['step'] == 13

    torchrun(workdir, 'resume')                            # a fresh launch, as after a crash
    r0, r1 = weights(workdir, 'resumed', 0), weights(workdir, 'resumed', 1)
    f0, f1 = weights(workdir, 'full', 0), weights(workdir, 'full', 1)
    assert_same(r0, r1); assert_same(f0, f1)
    assert info(workdir, 'resumed', 0)['step'] == 30
    assert_same(r0, f0, atol=1e-6)                         # resumed == never stopped (dropout masks included)
    hr, hf = info(workdir, 'resumed', 0)['history'], info(workdir, 'full', 0)['history']
    assert [r['step'] for r in hr] == [r['step'] for r in hf]
    for a, b in zip(hr, hf): assert a['loss'] == pytest.approx(b['loss'], rel=1e-5), (a, b)
