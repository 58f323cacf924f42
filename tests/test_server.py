"The policy server and client as users run them: `gamemodels serve` in a subprocess, clients in other processes."
import json, os, signal, socket, stat, struct, subprocess, sys, threading, time
from pathlib import Path
import numpy as np
import pytest
from gamemodels.data import EpisodeDataset
from gamemodels.server import PolicyClient, bad_client, BAD_KINDS, MAX_MESSAGE, connect

from helpers import EXE, ENV, gm, last_json

FRAME = np.zeros((210, 160, 3), np.uint8)


def start_server(path: Path, *extra) -> subprocess.Popen:
    "`gamemodels serve --policy random` on `path`, once it answers."
    log = open(path.with_suffix('.log'), 'w')                               # its JSON log lines: a file, never a full pipe
    p = subprocess.Popen(EXE + ['serve', '--policy', 'random', '--socket', str(path), '--threads', '1', *extra],
                         stdout=subprocess.PIPE, stderr=log, text=True, env=ENV)
    log.close()
    t0 = time.time()
    while time.time() - t0 < 60:
        if p.poll() is not None: raise RuntimeError(f"the server exited: {path.with_suffix('.log').read_text()}")
        if path.exists():
            try: connect(path, timeout=1).close(); return p
            except OSError: pass
        time.sleep(0.05)
    p.kill(); raise RuntimeError('the server did not start within 60 s')


def stop_server(p: subprocess.Popen) -> dict:
    "SIGTERM, then the final counters it prints."
    p.send_signal(signal.SIGTERM)
    out, err = p.communicate(timeout=30)
    assert p.returncode == 0, err
    return last_json(out)


def server_events(path: Path) -> list[dict]:
    "The server's log so far, as dicts."
    return [json.loads(l) for l in path.with_suffix('.log').read_text().splitlines() if l.startswith('{') and l.endswith('}')]


def wait_event(path: Path, event: str, timeout: float = 30) -> dict:
    "The first `event` in the server's log, waiting for it: the socket answers a moment before the line is written."
    t0 = time.time()
    while time.time() - t0 < timeout:
        found = [e for e in server_events(path) if e['event'] == event]
        if found: return found[0]
        time.sleep(0.05)
    raise AssertionError(f"no {event!r} event in the server's log within {timeout} s: {path.with_suffix('.log').read_text()}")


@pytest.fixture
def server(tmp_path):
    path = tmp_path / 'p2p.sock'
    p = start_server(path)
    yield p, path
    if p.poll() is None: p.kill(); p.communicate()


def rss_mb(pid: int) -> float:
    "A process's resident memory in MB (Linux)."
    for line in Path(f'/proc/{pid}/status').read_text().splitlines():
        if line.startswith('VmRSS:'): return int(line.split()[1]) / 1024
    return 0.0


class GoodClient:
    "A well-behaved client on its own thread, asking all the time; `answers` grows while it is served."
    def __init__(self, path):
        self.client, self.stop, self.ids, self.missed = PolicyClient(path), threading.Event(), [], 0
        self.t = threading.Thread(target=self._run, daemon=True); self.t.start()
    def _run(self):
        i = 0
        while not self.stop.is_set():
            a = self.client.ask(FRAME, i, timeout=5)
            if a is None or a.id != i: self.missed += 1
            else: self.ids.append(i)
            i += 1; time.sleep(0.005)
    def still_served(self, timeout=5.0) -> bool:
        n, t0 = len(self.ids), time.time()
        while time.time() - t0 < timeout:
            if len(self.ids) >= n + 3: return True
            time.sleep(0.01)
        return False
    def close(self):
        self.stop.set(); self.t.join(10); self.client.close()


def test_socket_mode_and_a_second_server_is_refused(server):
    p, path = server
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    r = gm('serve', '--policy', 'random', '--socket', path, '--threads', '1', timeout=60)
    assert r.returncode == 2 and 'already listening' in r.stderr, r.stderr
    with PolicyClient(path) as c: assert c.ask(FRAME, 3).id == 3          # the first one is unharmed
    assert path.exists()
    assert stop_server(p)['answered'] >= 1
    assert not path.exists()


def test_each_bad_client_leaves_a_good_client_served(server):
    p, path = server
    good = GoodClient(path)
    silent = connect(path)                                                   # connects, sends nothing, stays
    try:
        rss = rss_mb(p.pid)
        with connect(path) as s:                                             # one byte over the limit, and not a byte more sent
            s.sendall(struct.pack('<I', MAX_MESSAGE + 1))
            s.settimeout(5); assert s.recv(1) == b''                        # refused on the prefix alone
        for kind in BAD_KINDS:
            ended = bad_client(path, kind, hold=0.2, timeout=20)            # too_large: "2 GiB follow"
            if kind == 'too_large': assert rss_mb(p.pid) < rss + 50         # nothing of that size was allocated
            assert ended == ('left' if kind == 'silent' else 'closed'), kind
            assert good.still_served(), f"the good client went unanswered after {kind}"
    finally:
        good.close(); silent.close()
    assert good.missed == 0 and len(good.ids) > 20
    st = stop_server(p)
    assert st['closed'] == {r: 2 if r == 'too_large' else 1 for _, r in BAD_KINDS.values() if r}


def test_a_thousand_bad_connections_in_a_row(server):
    p, path = server
    good = GoodClient(path)
    kinds = ['too_large', 'bad_frame', 'not_protobuf', 'cut_off']
    t0 = time.time()
    try:
        for i in range(1000):
            if i % 5 == 4:                                                   # and some that hang up at once
                connect(path).close()
            else: assert bad_client(path, kinds[i % 5], timeout=5) == 'closed'
        assert good.still_served()
    finally: good.close()
    assert good.missed == 0
    st = stop_server(p)
    assert st['connections'] >= 1001
    assert sum(st['closed'].values()) == 800
    print(f"1000 bad connections in {time.time() - t0:.1f} s")


def test_client_records_a_short_episode(server, tmp_path):
    p, path = server
    out = tmp_path / 'ds'
    r = gm('client', '--socket', path, '--fps', 20, '--max-steps', 25, '--episodes', 2, '--seed', 7, '--out', out, timeout=120)
    assert r.returncode == 0, r.stderr
    res = last_json(r.stdout)
    assert res['episodes'] == 2 and res['steps'] == 50 and res['answered_share'] > 0.9
    assert res['rtt_p50_ms'] is not None and 0 <= res['late_share'] <= 1
    ds = EpisodeDataset(out)
    assert [e['seed'] for e in ds.entries] == [7, 8]
    ep = ds[0]
    assert len(ep) == 25 and ep.frames.shape == (26, 210, 160, 3) and ep.keys.shape == (25, 3)
    assert ep.meta['agent'] == 'served' and ep.meta['frameskip'] == 3 and len(ep.meta['latency_ms']) == 25
    assert (out / 'episode_00000.mp4').exists() and (out / 'episode_00001.json').exists()
    assert stop_server(p)['answered'] >= 45


def test_sigint_keeps_what_the_client_recorded(server, tmp_path):
    p, path = server
    out = tmp_path / 'ds'
    c = subprocess.Popen(EXE + ['client', '--socket', str(path), '--fps', '30', '--max-steps', '3000', '--out', str(out), '--no-mp4'],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    t0 = time.time()
    while sum(e['event'] == 'connect' for e in server_events(path)) < 2 and time.time() - t0 < 60 and c.poll() is None:
        time.sleep(0.05)                                                     # the first connect was start_server's probe
    time.sleep(1.0)                                                          # about 30 steps of play
    c.send_signal(signal.SIGINT)
    out_s, err = c.communicate(timeout=60)
    assert c.returncode == 0, err
    res = last_json(out_s)
    assert res['interrupted'] and res['episodes'] == 1 and 5 < res['steps'] < 3000
    ep = EpisodeDataset(out)[0]
    assert ep.meta['interrupted'] and ep.truncated and len(ep) == res['steps']
    stop_server(p)
    assert server_events(path)[-1]['event'] == 'closed'


def test_client_without_a_server_says_so(tmp_path):
    r = gm('client', '--socket', tmp_path / 'none.sock', '--out', tmp_path / 'ds', timeout=60)
    assert r.returncode == 2 and 'no policy server at' in r.stderr and 'Traceback' not in r.stderr
    assert not (tmp_path / 'ds').exists()


def test_client_over_loopback_tcp(tmp_path):
    path = tmp_path / 'p2p.sock'
    p = start_server(path, '--tcp', '127.0.0.1:0')
    try:
        host, port = wait_event(path, 'listening')['tcp']
        r = gm('client', '--tcp', f'{host}:{port}', '--fps', 20, '--max-steps', 10, '--out', tmp_path / 'ds', '--no-mp4', timeout=120)
        assert r.returncode == 0, r.stderr
        assert last_json(r.stdout)['steps'] == 10 and len(EpisodeDataset(tmp_path / 'ds')[0]) == 10
        assert stop_server(p)['answered'] >= 9
    finally:
        if p.poll() is None: p.kill(); p.communicate()


def serve_takes_instruction() -> bool:
    "Whether `gamemodels serve` has `--instruction` (its parser lives in nbs/90_cli.ipynb)."
    from gamemodels.cli import build_parser
    args, _ = build_parser().parse_known_args(['serve', '--policy', 'p', '--instruction', 'x'])
    return getattr(args, 'instruction', None) == 'x'


@pytest.mark.skipif(not serve_takes_instruction(), reason='`gamemodels serve --instruction` is not wired in the CLI yet')
def test_serve_an_instruction_following_policy(tmp_path):
    from gamemodels.core import seed_everything
    from gamemodels.envs import KEY_NAMES
    from gamemodels.policy import Policy
    seed_everything(0)
    Policy('tiny').save_pretrained(tmp_path / 'run' / 'model')              # laid out as `gamemodels train policy` leaves it
    (tmp_path / 'run' / 'train.json').write_text(json.dumps(dict(model='policy', config='tiny', game='breakout')))
    path = tmp_path / 'p2p.sock'
    p = start_server(path, '--policy', str(tmp_path / 'run'), '--instruction', 'stay on the left')
    try:
        listening = wait_event(path, 'listening')
        assert "instruction='stay on the left'" in listening['policy']
        frames = np.random.default_rng(0).integers(0, 256, (6, 210, 160, 3), dtype=np.uint8)
        with PolicyClient(path) as a, PolicyClient(path) as b:               # two connections, a session each
            got = [[c.ask(f, 10 + i) for i, f in enumerate(frames)] for c in (a, b)]
        for answers in got:
            assert [x.id for x in answers] == list(range(10, 16))
            for x in answers:
                assert set(x.keys) <= set(KEY_NAMES) and set(x.mouse.buttons) <= {'left', 'right', 'middle'}
        from gamemodels.server import PolicyAdapter
        def in_process(seed):                                                # a connection's answers: its own session and seed
            ad = PolicyAdapter(Policy.from_pretrained(tmp_path / 'run' / 'model'), 'stay on the left', seed=seed); ad.reset()
            return [tuple(ad.act(f)) for f in frames]
        served = [[(list(x.keys), tuple(x.mouse)) for x in g] for g in got]
        expected = {str([(list(k), tuple(m)) for k, m in in_process(s)]) for s in range(4)}   # each connection draws with its own seed
        assert all(str(g) in expected for g in served) and served[0] != served[1], served
        assert stop_server(p)['answered'] == 12
    finally:
        if p.poll() is None: p.kill(); p.communicate()
    r = gm('serve', '--policy', 'random', '--socket', tmp_path / 'r.sock', '--instruction', 'play', timeout=60)
    assert r.returncode == 2 and 'takes no instruction' in r.stderr and 'Traceback' not in r.stderr
