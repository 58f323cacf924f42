# The policy streamed two ways: recomputing its last `history` steps from scratch each step (as in training) or with the KV cache.
# usage: policy_fresh_window.py MODEL GAMES CAP
import sys, numpy as np, torch
from gamemodels.policy import *
from gamemodels.policy import window_mask
from gamemodels.envs import make_env, ORACLE_SETTINGS, evaluate, keymap_for
torch.set_num_threads(2)
class Fresh(PolicyAgent):
    "Recompute the last `history` steps from scratch each step (the training distribution)."
    def reset(self, env=None, seed=None):
        super().reset(env, seed); self.frames = []
        self.g = torch.Generator().manual_seed(seed or 0)
    @torch.no_grad()
    def act(self, obs, env=None):
        p = self.policy; W = p.config.history
        self.frames.append(policy_frames(np.asarray(obs)[None], p.config.image_size)[0]); self.frames = self.frames[-(W + 1):]
        fr = torch.stack(self.frames); before = fr[:1] if len(fr) > W else None; fr = fr[-W:]
        T = len(fr); prev = torch.full((1, T, 8), -1, dtype=torch.long)
        tok = p.embed_steps(fr[None], [[self.said] * T], prev, before).flatten(1, 2)
        a, _ = p.act(p.transformer(tok).view(1, T, TOKENS_PER_STEP, -1)[:, -1, -1], sample=self.sample, generator=self.g)
        keys, buttons, dx, dy = decode_step(a[0].numpy())
        return self.keymap.keys_to_action(keys)
if __name__ == '__main__':
    model = Policy.from_pretrained(sys.argv[1]); games, cap = int(sys.argv[2]), int(sys.argv[3])
    kw = dict(episodes=games, seed=900_000, max_steps=cap, **ORACLE_SETTINGS)
    for name, ag in [('fresh', Fresh(model, 'play')), ('cached', PolicyAgent(model, 'play'))]:
        r = evaluate(ag, **kw); print(name, r['mean_score'], r['scores'], flush=True)
