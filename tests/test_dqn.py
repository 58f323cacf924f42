"`gamemodels train dqn` and the DQN benchmarks, run as a user runs them: in a subprocess."
import json, os, subprocess, sys
from pathlib import Path
import pytest

from helpers import EXE, ENV, gm, last_json
SHIPPED = Path(__file__).resolve().parent.parent / 'data' / 'dqn-breakout'


@pytest.fixture(scope='module')
def run_dir(tmp_path_factory):
    "One tiny training run on the test budget, shared by the tests that need a checkpoint."
    out = tmp_path_factory.mktemp('dqn') / 'run'
    r = gm('train', 'dqn', '--budget', 'test', '--out', out, '--quiet', '--steps', 200)
    assert r.returncode == 0, r.stderr
    return out, last_json(r.stdout)


def test_train_writes_checkpoint_metrics_and_qnet(run_dir):
    out, res = run_dir
    assert res['steps'] >= 200 and res['updates'] > 0
    for f in ('ckpt.pt', 'metrics.csv', 'config.json', 'qnet/model.safetensors', 'qnet/config.json'):
        assert (out / f).exists(), f
    cfg = json.loads((out / 'config.json').read_text())
    from gamemodels.dqn import cpu_has_bf16
    assert cfg['game'] == 'breakout' and cfg['bf16'] == cpu_has_bf16()      # bfloat16 by default where the CPU has it


def test_resume_continues_from_the_checkpoint(run_dir, tmp_path):
    out, res = run_dir
    import shutil
    run2 = tmp_path / 'run2'; shutil.copytree(out, run2)
    r = gm('train', 'dqn', '--budget', 'test', '--out', run2, '--quiet', '--steps', 400, '--resume', '--no-bf16')
    assert r.returncode == 0, r.stderr
    res2 = last_json(r.stdout)
    assert res2['steps'] >= 400 and res2['updates'] > res['updates'] and res2['config']['bf16'] is False


def test_rnd_and_boltzmann_and_bf16_and_ship(tmp_path):
    r = gm('train', 'dqn', '--budget', 'test', '--out', tmp_path / 'r', '--quiet', '--steps', 160, '--rnd', '--explore', 'boltzmann',
           '--explore-frac', '0.5', '--target-every', '50', '--bf16', '--ship', tmp_path / 'shipped')
    assert r.returncode == 0, r.stderr
    info = json.loads((tmp_path / 'shipped' / 'train.json').read_text())
    assert info['config']['rnd'] and info['config']['explore'] == 'boltzmann' and info['steps'] >= 160 and info['config']['bf16']
    assert info['config']['explore_frac'] == 0.5 and info['config']['target_every'] == 50   # every numeric flag reaches the config
    assert (tmp_path / 'shipped' / 'model.safetensors').exists()


@pytest.mark.parametrize('args, message', [
    (['--lr', '-0.001'], 'lr (learning rate) must be positive'),
    (['--buffer', '16', '--batch-size', '32'], 'buffer (16) must hold at least one batch (32)'),
    (['--game', 'brekout'], "unknown game 'brekout'; did you mean Breakout"),
    (['--gamma', '1.5'], 'gamma must be in [0, 1]'),
    (['--n-envs', '0'], 'n_envs must be an int >= 1'),
    (['--explore', 'softmax'], "invalid choice: 'softmax'"),
])
def test_bad_hyperparameters_give_a_clear_message(tmp_path, args, message):
    r = gm('train', 'dqn', '--budget', 'test', '--out', tmp_path / 'x', '--quiet', *args)
    assert r.returncode == 2
    assert message in r.stderr, r.stderr
    assert not (tmp_path / 'x' / 'ckpt.pt').exists()


def test_checkpoint_of_another_game_is_refused(run_dir, tmp_path):
    out, _ = run_dir
    import shutil
    run2 = tmp_path / 'run2'; shutil.copytree(out, run2)
    r = gm('train', 'dqn', '--budget', 'test', '--out', run2, '--quiet', '--game', 'pong', '--resume')
    assert r.returncode == 2
    assert 'was trained on breakout, not pong' in r.stderr, r.stderr


def test_qnet_of_another_action_space_is_refused(run_dir):
    out, _ = run_dir
    code = ("from gamemodels.dqn import QNet, DQNAgent, evaluate_qnet; from gamemodels.envs import make_env\n"
            f"q = QNet.from_pretrained({str(out / 'qnet')!r})\n"
            "try: DQNAgent(q).reset(make_env('space invaders'))\n"
            "except ValueError as e: print('AGENT', e)\n"
            "try: evaluate_qnet(q, 'space invaders', episodes=1)\n"
            "except ValueError as e: print('EVAL', e)\n")
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, timeout=120, env=ENV)
    assert r.returncode == 0, r.stderr
    assert 'AGENT this DQN checkpoint has 4 actions, but the env has 6' in r.stdout
    assert 'EVAL this Q-network has 4 actions but space invaders has 6' in r.stdout


def test_bench_per_reports_ops_per_s():
    r = gm('bench', 'per', '--budget', 'test')
    assert r.returncode == 0, r.stderr
    out = last_json(r.stdout)
    assert out['bench'] == 'per' and out['ops_per_s'] > 0 and out['capacity'] == 1_000_000


def test_bench_dqn_eval_reads_the_shipped_checkpoint():
    r = gm('bench', 'dqn-eval', '--budget', 'test')
    assert r.returncode == 0, r.stderr
    out = last_json(r.stdout)
    assert len(out['scores']) == out['episodes'] == 2 and out['train_steps'] > 0


def test_bench_dqn_speed_reports_cleanrl_and_default_settings():
    r = gm('bench', 'dqn-speed', '--budget', 'test', '--threads', '2')
    assert r.returncode == 0, r.stderr
    out = last_json(r.stdout)
    assert out['steps_per_s'] > 0 and out['steps_per_s_double_per'] > 0
    assert out['settings']['double'] is False and out['settings']['per'] is False
    assert set(out['by_n_envs']) == {'1', '4'} and out['steps_per_s'] == max(out['by_n_envs'].values())
    assert out['steps_per_s_bf16'] > 0 and out['steps_per_s_fp32'] > 0 and out['cleanrl_style_steps_per_s'] > 0
    ratio = out['steps_per_s'] / out['cleanrl_style_steps_per_s']     # both printed to 0.1 steps/s, the speedup to 0.01
    assert abs(out['speedup'] - ratio) < ratio * (0.05 / out['steps_per_s'] + 0.05 / out['cleanrl_style_steps_per_s']) + 0.005
    from gamemodels.dqn import cpu_has_bf16                   # the headline figure is the loop's default precision on this CPU
    assert out['precision'] == ('bf16' if cpu_has_bf16() else 'fp32')
    assert out['steps_per_s'] == out['steps_per_s_' + out['precision']]
