"""A neural Breakout for measuring play speed: `gamemodels.a2l.LatentWorldModel` at its default size.

`GAMEMODELS_PLAY_NEURAL=tests/play_browser/latent_world_model.py:latent_world_model gamemodels bench play`

Until trained checkpoints ship in data/, the latent action model's weights come from
$GAMEMODELS_LAM (a folder written by `save_pretrained`) when set, and the action-to-latent model
is freshly initialised: the frames are not a good game, but each step costs what a trained
model's step costs, which is what the frames-per-second figure measures.
"""
import os
import torch
from gamemodels.lam import LatentActionModel
from gamemodels.a2l import ActionToLatent, LatentWorldModel


def latent_world_model() -> LatentWorldModel:
    torch.manual_seed(0)
    lam_path = os.environ.get('GAMEMODELS_LAM')
    lam = LatentActionModel.from_pretrained(lam_path) if lam_path else LatentActionModel()
    a2l = ActionToLatent(context=lam.context, n_codes=lam.n_codes)
    return LatentWorldModel(lam, a2l)
