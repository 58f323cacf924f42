"""World models as played (`gamemodels.world`: `open_loop`, `closed_loop`), on a few hundred steps: a stub world model that
copies the last frame, and the real game behind the same interface, checked against the game's own memory."""
import numpy as np
import torch
from gamemodels.envs import breakout_state
from gamemodels.world import (CopyLastFrame, RealGame, closed_loop, open_loop, detect_ball, detect_paddle, PixelPlayer, HELDOUT_SEED)

SEED, STEPS = HELDOUT_SEED + 2000, 400


def test_a_still_picture_has_no_ball():
    r = closed_loop(CopyLastFrame(4), STEPS, n=2, seed=SEED)
    assert (r['ball_share'], r['bricks_per_1000'], r['lives_lost']) == (0.0, 0.0, 0.0)
    assert torch.isnan(detect_paddle(torch.randint(0, 256, (64, 3, 64, 64), dtype=torch.uint8))).all()   # noise has no paddle either
    assert r['alive'] == 1.0                                   # the paddle never moves, so it is still there


def test_the_real_game_through_the_interface_matches_its_memory():
    game = RealGame(SEED)
    r = closed_loop(game, STEPS, n=2, seed=SEED)
    assert r['ball_share'] > 0.6 and r['bricks_per_1000'] > 0, r
    assert r['extra_ball_share'] == 0.0, r                     # the real game never shows two balls at once
    assert abs(r['lives_lost'] - np.mean(game.lives_lost)) <= 0.5, (r['lives_lost'], game.lives_lost)
    # the same player on the same games, the ball read from the console's RAM instead of the frames
    game2, player, seen = RealGame(SEED), PixelPlayer(), []
    from gamemodels.world import game_starts
    ctx, acts = game_starts(2, SEED)
    game2.reset(ctx, acts); frame = ctx[:, -1]
    for _ in range(STEPS):
        frame = game2.step(player.act(frame))
        seen += [breakout_state(env.unwrapped.ale.getRAM())['ball_y'] is not None for env in game2.envs]
    game2.close()
    assert abs(r['ball_share'] - np.mean(seen)) < 0.1, (r['ball_share'], np.mean(seen))


def test_open_loop_is_exact_on_the_real_game_and_blind_for_the_copy():
    exact = open_loop(RealGame(HELDOUT_SEED + 1000), 100, n=2, at=(10, 100))
    assert (exact['frame_psnr_100'], exact['static_psnr_100']) == (100.0, 100.0)
    copy = open_loop(CopyLastFrame(4), 100, n=2, at=(10, 100))
    assert copy['static_psnr_100'] == 100.0 and copy['frame_psnr_100'] < 40


def test_no_ball_in_noise():
    noise = torch.randint(0, 256, (256, 3, 64, 64), dtype=torch.uint8, generator=torch.Generator().manual_seed(1))
    assert torch.isnan(detect_ball(noise)[0]).all()
