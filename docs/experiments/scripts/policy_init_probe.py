# Probe: train policy from run 13/14's (unlucky) initialisation, with an optional fix applied after construction.
# usage: policy_init_probe.py FIX OUT [train policy args...]   FIX: none | filmnorm | bag1
import sys, torch, torch.nn as nn
import gamemodels.policy as P
fix, out, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
def old_parts(config):   # the module order of commit ff7eb83 (runs 13, 14): action-in embeddings right after FiLM
    w, e = config.width, config.dec_width
    trunk = P.IMAGE_TRUNKS[config.image_encoder][0](cin=6 if config.motion else 3)
    film = dict(film=P.FiLM(trunk, config.text_dim)) if config.film else {}
    acts = dict(no_action=nn.Embedding(len(P.SUB_ACTIONS), w), action_in=nn.Embedding(P.N_ACTION_TOKENS, w)) if config.action_tokens else {}
    return nn.ModuleDict(dict(image_trunk=trunk, **film,
        image_proj=nn.Sequential(nn.Linear(config.image_features, w), nn.LayerNorm(w)),
        text_encoder=P.TextEncoder(config.text_buckets, config.text_dim, config.max_words),
        text_proj=nn.Linear(config.text_dim, w), step_tokens=nn.Embedding(2, w), **acts,
        transformer=P.Transformer(config.layers, w, config.heads), to_decoder=nn.Linear(w, e),
        decoder_in=nn.Embedding(P.N_ACTION_TOKENS, e), decoder=P.Transformer(config.dec_layers, e, config.dec_heads),
        head=nn.Linear(e, P.N_ACTION_TOKENS)))
P.policy_parts = old_parts
if fix == 'filmnorm':
    f = P.FiLM.forward
    P.FiLM.forward = lambda self, trunk, x, cond: f(self, trunk, x, cond * torch.rsqrt(cond.float().pow(2).mean(-1, keepdim=True) + 1e-6).to(cond.dtype))
elif fix == 'bag1':
    init = P.Policy.__init__
    def new_init(self, *a, **k):
        init(self, *a, **k)
        with torch.no_grad(): self.text_encoder.bag.weight.mul_(50); self.text_encoder.none.mul_(50)
    P.Policy.__init__ = new_init
elif fix != 'none': raise SystemExit(f'unknown fix {fix}')
print(P.train_policy(['--budget', 'cpu', '--data', 'runs/data-policy5', '--out', out, '--quiet'] + rest))
