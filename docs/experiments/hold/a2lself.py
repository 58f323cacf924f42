# The a2l taught on its own loop (run 92): the LAM's codes are relative to the paddle's motion in the context (one code
# carries it on, another turns it), so a loop that drifts a pixel at the wall picks "carry on" and the paddle slides.
# Contexts rolled 0..LOOP steps by the LAM + this a2l (real actions), each labelled with the code whose decoding from that
# context is nearest the real next frame (whole-frame squared error: only the pixels where the codes differ decide);
# `--rounds` rounds, each rolled with the a2l of the round before, the labelled contexts of all rounds pooled (DAgger).
#   python docs/experiments/hold/a2lself.py --lam runs/hold/lamunroll2/model --a2l runs/hold/lamunroll2/a2l/model --data runs/hold/data-lam-held --held 16 --out OUT [--loop 8] [--clips 16000] [--rounds 2] [--steps 3000]
import argparse, json, time, torch, torch.nn.functional as F
from pathlib import Path
from gamemodels.a2l import LatentWorldModel, ActionToLatent, a2l_loss, BUDGET_SIZES, RECIPE
from gamemodels.data import training_data, FrameStore, ClipDataset
from gamemodels.train import fit

class Labelled(torch.utils.data.Dataset):
    def __init__(self, f, a, k): self.f, self.a, self.k = f, a, k
    def __len__(self): return len(self.k)
    def __getitems__(self, ids): ids = torch.as_tensor(ids); return self.f[ids], self.a[ids], self.k[ids]

@torch.no_grad()
def roll_and_label(wm, clips, ids, k, batch=128):
    "Contexts rolled k[i] steps by `wm` (real actions), the actions the a2l sees, the best code, and the a2l's own pick."
    C, n = wm.context, wm.lam.n_codes; fs, acts, best, pick = [], [], [], []
    for i in range(0, len(ids), batch):
        f, a = clips.__getitems__(ids[i:i + batch].tolist()); kk = k[i:i + batch]; B = len(kk)
        wm.reset(f[:, :C], a[:, :C - 1]); ctx = f[:, :C].clone(); act = a[:, :C].clone(); tgt = f[:, C].clone()
        for s in range(int(kk.max()) + 1):
            m = kk == s
            ctx[m], act[m], tgt[m] = wm.frames[m], torch.cat([wm.actions, a[:, C - 1 + s:C + s]], 1)[m], f[m, C + s]
            if s < kk.max(): wm.step(a[:, C - 1 + s])
        dec = wm.lam.decode_code(ctx.repeat_interleave(n, 0), torch.arange(n).repeat(B))          # [B*n, 3, H, W] in 0..1
        err = ((dec.reshape(B, n, *dec.shape[1:]) - tgt[:, None].float() / 255) ** 2).flatten(2).sum(-1)
        fs.append(ctx); acts.append(act); best.append(err.argmin(1)); pick.append(wm.a2l(ctx, act).argmax(-1))
    return torch.cat(fs), torch.cat(acts), torch.cat(best), torch.cat(pick)

if __name__ == '__main__':
    p = argparse.ArgumentParser(); p.add_argument('--lam', required=True); p.add_argument('--a2l', required=True); p.add_argument('--data', required=True)
    p.add_argument('--held', type=int, default=0); p.add_argument('--out', required=True); p.add_argument('--loop', type=int, default=8)
    p.add_argument('--clips', type=int, default=16000); p.add_argument('--rounds', type=int, default=2)
    p.add_argument('--steps', type=int, default=3000); p.add_argument('--lr', type=float, default=1e-3); p.add_argument('--seed', type=int, default=0)
    a = p.parse_args(); torch.set_num_threads(2); torch.manual_seed(a.seed); t0 = time.perf_counter(); out = Path(a.out)
    wm = LatentWorldModel.from_pretrained(a.lam, a.a2l)   # checkpoint folders
    sizes = BUDGET_SIZES['cpu']
    ds = training_data(a.data, RECIPE, sizes['episodes'], sizes['max_steps'], a.held)
    clips = ClipDataset(FrameStore.from_dataset(ds), context=wm.context, horizon=a.loop + 1)
    pool, log = [], []
    for r in range(a.rounds):
        ids = torch.randperm(len(clips))[:a.clips]; k = torch.randint(0, a.loop + 1, (len(ids),))
        f, act, best, pick = roll_and_label(wm, clips, ids, k)
        agree = [round(float((best == pick)[k == s].float().mean()), 3) for s in range(a.loop + 1)]
        log.append(dict(round=r, agree_by_k=agree, minutes=round((time.perf_counter() - t0) / 60, 1)))
        print(f'round {r}: the a2l picks the best code, by steps rolled 0..{a.loop}: {agree}  ({log[-1]["minutes"]} min)', flush=True)
        pool.append((f, act, best))
        data = Labelled(*(torch.cat(x) for x in zip(*pool)))
        wm.a2l.train()
        fit(wm.a2l, a2l_loss, data, steps=a.steps, batch_size=64, lr=a.lr, lr_schedule='cosine', warmup=min(100, a.steps // 10), seed=a.seed + r,
            progress=False, log_every=500)
        wm.a2l.eval()
    ids = torch.randperm(len(clips))[:4000]; k = torch.randint(0, a.loop + 1, (len(ids),))
    f, act, best, pick = roll_and_label(wm, clips, ids, k)
    agree = [round(float((best == pick)[k == s].float().mean()), 3) for s in range(a.loop + 1)]
    log.append(dict(round='after', agree_by_k=agree, minutes=round((time.perf_counter() - t0) / 60, 1)))
    print(f'after: the a2l picks the best code, by steps rolled 0..{a.loop}: {agree}', flush=True)
    wm.a2l.save_pretrained(out / 'model'); (out / 'a2lself.json').write_text(json.dumps(dict(args=vars(a), log=log), indent=1))
