"""The play widget in a real page: JupyterLab on loopback, headless Chromium through Playwright.

Everything is checked from the page: frames counted as the picture loads them, the paddle found in
each frame's pixels by a script in the page (see `gamemodels.play.PlayBrowser`).
"""
import os, shutil
from pathlib import Path
import pytest

play = pytest.importorskip('gamemodels.play')
pytest.importorskip('playwright.sync_api', reason='the dev extras (playwright) are not installed')
pytest.importorskip('jupyterlab', reason='the dev extras (jupyterlab) are not installed')

if not Path(play.CHROMIUM).exists():
    if os.environ.get('CI'): raise RuntimeError(f"{play.CHROMIUM} is missing in CI: `make test` should have installed Debian's chromium")
    pytest.skip(f"{play.CHROMIUM} is missing (apt-get install -y chromium; `make test` does it as root)", allow_module_level=True)

RUNS = Path(__file__).resolve().parents[1] / 'runs' / 'play'


def frames_keep_arriving(b, n: int = 10, timeout_ms: int = 10_000):
    n0 = b.frames_shown()
    b.page.wait_for_function(f"() => gm.t.length >= {n0 + n}", timeout=timeout_ms)


def moves_as_commanded(b, hold_ms: int = 400):
    "Hold Left, then Right; the paddle read off the page's frames moves left, then right."
    b.settle()
    x0 = b.paddle_x()
    b.hold('ArrowLeft', hold_ms); b.settle()
    x1 = b.paddle_x()
    b.hold('ArrowRight', hold_ms); b.settle()
    x2 = b.paddle_x()
    assert x0 is not None and x1 is not None and x2 is not None, (x0, x1, x2)
    assert x1 < x0 - 3, f"Left did not move the paddle left: x {x0} -> {x1}"
    assert x2 > x1 + 3, f"Right did not move the paddle right: x {x1} -> {x2}"
    return x0, x1, x2


SHIPPED = 'lam'


def test_play_real_and_neural_in_jupyterlab(tmp_path):
    env = dict(GAMEMODELS_THREADS='1', OMP_NUM_THREADS='1')
    # the neural Breakout shipped in data/ too, when its checkpoints are there
    more = {'lam': SHIPPED} if play._default_neural() == SHIPPED else {}
    with play.JupyterLab(root=tmp_path / 'lab', env=env) as lab, play.PlayBrowser(lab) as b:
        b.open(play.play_cells('gamemodels.play:PaddleStandIn', threads=1, more=more))
        b.click_game()
        frames_keep_arriving(b)
        assert 'real' in b.readout() and 'fps' in b.readout()

        moves_as_commanded(b)
        b.hold('Space', 200)                     # FIRE serves the ball: red pixels appear between bricks and paddle
        b.page.wait_for_function("() => gm.ball.slice(-30).some(Boolean)", timeout=10_000)
        frames_keep_arriving(b)
        shot = b.screenshot(tmp_path / 'play_real.png')

        b.switch('neural'); b.click_game()
        frames_keep_arriving(b)
        assert b.frame_size() == [64, 64]
        moves_as_commanded(b)
        frames_keep_arriving(b)
        b.screenshot(tmp_path / 'play_neural.png')
        assert not b.page.inner_text('.gm-play-message').strip()   # no error shown by the widget

        if more:   # a learned model: frames flow and keys are taken; where its paddle goes is the model's business (see bench play)
            b.switch('lam'); b.click_game()
            frames_keep_arriving(b)
            assert b.frame_size() == [64, 64]
            b.hold('ArrowLeft', 300); b.hold('ArrowRight', 300)
            frames_keep_arriving(b)
            assert 'lam' in b.readout()
            assert not b.page.inner_text('.gm-play-message').strip()
            b.screenshot(tmp_path / 'play_lam.png')

    assert shot.stat().st_size > 10_000
    RUNS.mkdir(parents=True, exist_ok=True)
    for name in ('play_real.png', 'play_neural.png', 'play_lam.png'):
        if (tmp_path / name).exists(): shutil.copy(tmp_path / name, RUNS / f'test_{name}')
