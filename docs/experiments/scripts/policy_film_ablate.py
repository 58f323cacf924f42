# Which path carries the colour? The aiming game with FiLM (or the instruction token) fed one fixed instruction, "shoot the red target".
# usage: policy_film_ablate.py MODEL none|film|token
import sys, torch
from gamemodels.policy import Policy, aim_rates, AIM_INSTRUCTIONS
torch.set_num_threads(1)
p = Policy.from_pretrained(sys.argv[1]).eval()
which = sys.argv[2]
ins = list(AIM_INSTRUCTIONS)
print(ins)
with torch.no_grad(): fixed = p.text_encoder(ins[:1])
if which == 'film':
    f = p.film.forward
    p.film.forward = lambda trunk, x, cond: f(trunk, x, fixed.expand(len(cond), -1))
elif which == 'token':
    tp = p.text_proj.forward
    p.text_proj.forward = lambda emb: tp(fixed.expand(len(emb), -1))
print(which, aim_rates(p, None, 20))
