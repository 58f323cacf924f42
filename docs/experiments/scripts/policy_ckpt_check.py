# Aiming (20 games) and play (the bench's 10 held-out games) of a training checkpoint (run_dir/ckpt.pt).
# usage: policy_ckpt_check.py CKPT
import sys, torch
from gamemodels.policy import Policy, policy_config, play_scores, aim_rates
from gamemodels.train import load_checkpoint
torch.set_num_threads(1)
ck = load_checkpoint(sys.argv[1]); print('step', ck['step'])
p = Policy(policy_config('tiny')); p.load_state_dict(ck['model']); p.eval()
print('aim', aim_rates(p, None, 20), flush=True)
s = play_scores(p, 10, 10_000); print('play', s['score'], s['scores'], 'oracle', s['oracle_score'])
