# Run 90: the serve's odds read the model's own frames as a ball in play. Any script run with `AppearOdds` seeing only
# frame differences of DIFF levels or more (smaller ones zeroed; the real frames' differences are the palette's steps):
#   DIFF=8 python docs/experiments/hold/oddsgate.py SCRIPT ARGS...   (e.g. balls.py, benchref.py)
# ONEKEY=1: the odds see the last key twice (as oddsheld.py fits them). FRESH=1: the odds see a held key as freshly pressed (the key before it replaced by NOOP where the two are the same).
import os, sys, runpy, torch, torch.nn.functional as F
import gamemodels.world as W
from gamemodels.world import check_actions
LEVEL = float(os.environ.get('DIFF', 0)) / 255
FRESH, ONEKEY = bool(int(os.environ.get('FRESH', 0))), bool(int(os.environ.get('ONEKEY', 0)))
def forward(self, ctx, actions=None, t=None):
    if ONEKEY and actions is not None and actions.shape[1] >= 2: actions = actions.clone(); actions[:, -2] = actions[:, -1]
    if FRESH and actions is not None and actions.shape[1] >= 2:
        actions = actions.clone(); same = actions[:, -2] == actions[:, -1]; actions[:, -2] = torch.where(same, torch.zeros_like(actions[:, -2]), actions[:, -2])
    f = ctx[:, -3:]; f = f.float() / 255 if f.dtype == torch.uint8 else f
    d = f[:, 1:] - f[:, :-1]; d = torch.where(d.abs().amax(2, keepdim=True) >= LEVEL, d, torch.zeros_like(d))
    h = self.conv(torch.cat([f.flatten(1, 2) * 2 - 1, d.flatten(1, 2) * 4], 1)); parts = [h.amax((-1, -2)), h.mean((-1, -2))]
    if self.keys: parts.append(F.one_hot(check_actions(actions[:, -self.keys:], self.n_actions), self.n_actions).float().flatten(1))
    if self.clock: parts.append(F.one_hot(torch.as_tensor(t).long() % self.clock, self.clock).float() * 2 - 1)
    return self.mlp(torch.cat(parts, 1)).squeeze(-1)
W.AppearOdds.forward = forward
script = sys.argv[1]; sys.argv = sys.argv[1:]; sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
runpy.run_path(script, run_name='__main__')
