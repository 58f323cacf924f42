# Run 37: the serve as a drawn event. A small head sees the whole context, the last keys and the parity of the step in the
# game, and learns the odds that the focus (the ball) appears in the next frame where the last two show none; the refiner
# sees that bit and the parity, so with the bit on it can learn where a serve goes (the column follows the parity) and with
# it off that nothing appears. In play the bit is drawn from the head's odds. Data: the recipe's recording plus short games
# (`runs/hold/data-serves`: 400 games of 60 steps, a serve and its first flight each), so that serves are not 1 clip in 200.
import sys, json, time, argparse, torch, torch.nn as nn, torch.nn.functional as F, numpy as np
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
import actref
from gamemodels.core import world_model
from gamemodels.data import FrameStore, ClipDataset, EpisodeDataset, training_data
from gamemodels.world import *
from gamemodels.train import fit_within

def seen_all(frames, chunk=4096):
    "Whether the focus (the ball) is seen in each frame of a store."
    return torch.cat([~torch.isnan(detect_ball(frames[i:i + chunk])[0]) for i in range(0, len(frames), chunk)])

def step_in_game(store, idx):
    "Index of frames `idx` (store rows) within their games."
    idx = torch.as_tensor(idx)
    ep = np.searchsorted(store.starts, idx.numpy(), side='right') - 1
    return idx - torch.from_numpy(store.starts[ep]).long()

class EventRefiner(DetailRefiner):
    "A `DetailRefiner` that also sees two planes: the drawn event bit `z` and the parity of the guessed frame's step `clock`."
    split = False   # --split: the bit in the plane of the step's phase (the library's way), not beside the parity
    def __init__(self, **kw):
        super().__init__(**kw)
        c = self.net[0]; self.net[0] = nn.Conv2d(c.in_channels + 2, c.out_channels, 3, padding=1)
    def forward(self, guess, ctx, actions=None, at=None, z=None, clock=None):
        f = lambda t: t.float() / 255 if t.dtype == torch.uint8 else t
        g = f(guess); B, H, W = len(g), *g.shape[-2:]
        x = torch.cat([g, f(ctx[:, -self.context:]).flatten(1, 2)], 1) * 2 - 1
        k = F.one_hot(actions[:, -self.keys:].long(), self.n_actions).float().flatten(1)
        x = torch.cat([x, k[:, :, None, None].expand(-1, -1, H, W)], 1)
        if self.position: x = torch.cat([x, self.where(at, H, W, B)], 1)
        ev = (torch.stack([z.float() * (clock == 0), z.float() * (clock == 1)], 1) if self.split else
              torch.stack([z.float(), clock.float()], 1)) * 2 - 1
        ev = ev[:, :, None, None].expand(-1, -1, H, W)
        return g + self.net(torch.cat([x, ev], 1))

class ServeOdds(nn.Module):
    "The odds (a logit) that the focus appears in the next frame, from the last three whole frames, the last `keys` keys and the parity."
    def __init__(self, keys=2, n_actions=4, width=32):
        super().__init__()
        self.keys, self.n_actions = keys, n_actions
        self.conv = nn.Sequential(nn.Conv2d(9, width // 2, 4, 2, 1), nn.SiLU(), nn.Conv2d(width // 2, width, 4, 2, 1), nn.SiLU(),
                                  nn.Conv2d(width, width, 4, 2, 1), nn.SiLU(), nn.Conv2d(width, width, 3, 1, 1), nn.SiLU())
        self.mlp = nn.Sequential(nn.Linear(2 * width + keys * n_actions + 1, 64), nn.SiLU(), nn.Linear(64, 1))
    def forward(self, ctx, actions, clock):
        x = ctx[:, -3:].float().flatten(1, 2) / 255 * 2 - 1
        h = self.conv(x); h = torch.cat([h.amax((-1, -2)), h.mean((-1, -2))], 1)
        k = F.one_hot(actions[:, -self.keys:].long(), self.n_actions).float().flatten(1)
        return self.mlp(torch.cat([h, k, clock[:, None].float() * 2 - 1], 1)).squeeze(-1)

def train_odds(store, C, steps=1500, batch=128, lr=2e-3, keys=2, minutes=4):
    "Fit `ServeOdds` on every clip of `store` (half of each batch from clips with no ball in the last two frames: drawn by inputs, so unbiased)."
    seen = seen_all(store.frames); clips = ClipDataset(store, context=C, horizon=1)
    last = clips.index + C - 1
    y = (seen[last + 1] & ~seen[last] & ~seen[last - 1]).float()
    cand = torch.nonzero(~seen[last] & ~seen[last - 1])[:, 0]
    clock = step_in_game(store, last + 1) % 2
    head = ServeOdds(keys); opt = torch.optim.AdamW(head.parameters(), lr, weight_decay=1e-4)
    g = torch.Generator().manual_seed(0); t0 = time.perf_counter()
    for s in range(steps):
        ids = torch.cat([torch.randint(0, len(clips), (batch // 2,), generator=g), cand[torch.randint(0, len(cand), (batch // 2,), generator=g)]])
        f, a = clips.__getitems__(ids)
        loss = F.binary_cross_entropy_with_logits(head(f[:, :C], a, clock[ids]), y[ids])
        opt.zero_grad(); loss.backward(); opt.step()
        if s % 100 == 0: print(f'odds {s} {loss.item():.4f}', flush=True)
        if (time.perf_counter() - t0) / 60 > minutes: break
    head.eval()
    with torch.no_grad():   # how the odds come out on the candidates, by label
        ids = cand[torch.randperm(len(cand), generator=g)[:4000]]
        f, a = clips.__getitems__(ids); p = torch.sigmoid(head(f[:, :C], a, clock[ids]))
        pos = y[ids] > 0
        print('odds on candidates: served', p[pos].mean().item(), 'not', p[~pos].mean().item(), 'share served', pos.float().mean().item(), flush=True)
    return head, dict(odds_served=round(p[pos].mean().item(), 3), odds_not=round(p[~pos].mean().item(), 3), share_served=round(pos.float().mean().item(), 3))

class EventClips(RefinerClips):
    "`RefinerClips(actions=True, position=True, fade=...)` whose items also carry `z` (the focus appears: the clip is in `new`) and `clock`."
    specks, pal = 0.0, None
    def __getitems__(self, ids):
        g = torch.Generator().manual_seed(self.seed * 1_000_003 + int(np.sum(ids)) % 1_000_003)   # as the parent draws them
        fin = torch.as_tensor(ids, dtype=torch.long).clone()
        if self.appear: m = int(round(len(fin) * self.appear)); fin[:m] = self.new[torch.randint(0, len(self.new), (m,), generator=g)]
        out = super().__getitems__(ids)
        C = self.model.context
        out[3]['z'] = torch.isin(fin, self.new)
        out[3]['clock'] = step_in_game(self.clips.store, self.clips.index[self.ids[fin]] + C + self.k[fin]) % 2
        if self.specks:   # the same stray pixels in the guess and every context frame, not in the target: a rollout's leftovers
            guess, ctx, target = out[:3]; B, _, c, _ = guess.shape
            pal = torch.tensor(self.pal, dtype=torch.uint8)
            on = torch.rand(B, generator=g) < self.specks
            m = (torch.rand(B, 1, c, c, generator=g) < 0.02) & on[:, None, None, None]
            col = pal[torch.randint(0, len(pal), (B, c, c), generator=g)].permute(0, 3, 1, 2)
            guess = torch.where(m, col, guess); ctx = torch.where(m[:, None], col[:, None], ctx)
            out = (guess, ctx, target, out[3])
        return out

class Drawn:
    "What `ContextWorldModel.step` calls as its refiner: counts the step in the game, draws the bit from the odds, refines, snaps."
    def __init__(self, ref, head, context, force=None):
        self.ref, self.head, self.keys, self.context, self.force, self.t = ref, head, ref.keys, context, force, None
        self.drawn = []
    def start(self, t): self.t = torch.as_tensor(t).long()
    @torch.inference_mode()
    def refine(self, guess, ctx, actions):
        B = len(guess); t = (self.t if self.t is not None else torch.full((B,), self.context - 1)) + 1
        t = t.expand(B) if t.ndim == 0 or len(t) != B else t
        clock = t % 2
        p = torch.sigmoid(self.head(ctx, actions, clock))
        z = torch.bernoulli(p) > 0 if self.force is None else torch.full((B,), bool(self.force))
        self.drawn.append(z.float().mean().item())
        out = self.ref(guess, ctx, actions, z=z, clock=clock).clamp(0, 1) * 255
        self.t = t
        return nearest_colour(out, self.ref.palette)

def attach(wm, drawn):
    "Put `drawn` in as `wm`'s refiner; every reset starts its step count at the context's last frame of a new game (`game_starts`)."
    wm.refiner = drawn; reset = wm.reset
    def new_reset(frames, actions=None, t=None):
        out = reset(frames, actions); n = 1 if wm.single else len(wm.frames)
        drawn.start(torch.full((n,), wm.context - 1) if t is None else t); return out
    wm.reset = new_reset
    return wm

def serve_check(wm, store, n=64):
    "Real contexts where FIRE follows another key with no ball in the last three frames: share where the model draws a ball, served / not."
    f, a, C = store.frames, store.actions, wm.context
    seen = seen_all(f); starts = set(torch.as_tensor(store.starts).tolist())
    ok = lambda i: not any(j in starts for j in range(i - C + 1, i + 2))
    fresh = [i for i in range(C, len(f) - 1) if a[i] == 1 and a[i - 1] != 1 and not seen[i] and not seen[i - 1] and not seen[i - 2] and ok(i)]
    res = {}
    for name, ids in (('served', [i for i in fresh if seen[i + 1]][:n]), ('not_served', [i for i in fresh if not seen[i + 1]][:n])):
        if not ids: continue
        ctx = torch.stack([f[i - C + 1:i + 1] for i in ids]); acts = torch.stack([a[i - C + 1:i + 1] for i in ids])
        wm.reset(ctx, acts[:, :-1], t=step_in_game(store, torch.tensor(ids))); out = wm.step(acts[:, -1])
        bx, _ = detect_ball(out); rx, _ = detect_ball(f[torch.tensor(ids) + 1])
        res[name] = dict(n=len(ids), drawn=round((~torch.isnan(bx)).float().mean().item(), 3),
                         column_right=round(((bx - rx).abs() < 3).float().mean().item(), 3))
    return res

if __name__ == '__main__':
    p = argparse.ArgumentParser(); p.add_argument('--out', default='runs/hold/serve1'); p.add_argument('--model', default='lam')
    p.add_argument('--steps', type=int, default=4000); p.add_argument('--minutes', type=float, default=10)
    p.add_argument('--clips', type=int, default=24000); p.add_argument('--appear', type=float, default=0.25)
    p.add_argument('--new', type=float, default=0.0); p.add_argument('--eval-steps', type=int, default=600)
    p.add_argument('--serves', default='runs/hold/data-serves'); p.add_argument('--eval-only', action='store_true'); p.add_argument('--odds-steps', type=int, default=1500)
    p.add_argument('--no-position', action='store_true'); p.add_argument('--specks', type=float, default=0.0)
    p.add_argument('--odds-from', default=None); p.add_argument('--split', action='store_true')
    p.add_argument('--swap', action='store_true', help="half the serve clips cropped at another serve's place (the library's way)"); p.add_argument('--threads', type=int, default=2)
    args = p.parse_args(); torch.set_num_threads(args.threads); EventRefiner.split = args.split; out = Path(args.out); out.mkdir(parents=True, exist_ok=True); t0 = time.perf_counter()
    base = training_data(f'runs/hold/data-{args.model}-cpu', args.model, 48 if args.model == 'lam' else 16, 1000)
    eps = list(base) + (list(EpisodeDataset(args.serves)) if args.serves else [])
    store = FrameStore(eps); print(store, flush=True)
    wm = world_model(args.model, refine=False); C = wm.context
    pal = palette(store.frames, 128, 64); json.dump(pal, open(out / 'palette.json', 'w'))
    if not args.eval_only:
        if args.odds_from:
            import shutil; shutil.copy(Path(args.odds_from) / 'odds.pt', out / 'odds.pt'); odds = json.load(open(Path(args.odds_from) / 'odds.json'))
        else: head, odds = train_odds(store, C, steps=args.odds_steps); torch.save(head.state_dict(), out / 'odds.pt')
        print('odds trained', round(time.perf_counter() - t0), flush=True)
        ref = EventRefiner(width=32, keys=2, n_actions=wm.n_actions, palette=pal, position=0 if args.no_position else 64)
        data = EventClips(wm, ClipDataset(store, context=C, horizon=2), crop=32, n=args.clips, seed=1, actions=True, position=not args.no_position,
                          fade=0.7, appear=args.appear)
        data.specks, data.pal = args.specks, pal
        data.event = args.swap
        print('clips', len(data), 'serves among them', len(data.new), round(time.perf_counter() - t0), flush=True)
        from functools import partial
        fit_within(args.minutes, ref, partial(refiner_loss, weights='context', new=args.new), data, steps=args.steps, batch_size=32, lr=2e-3,
                   lr_schedule='cosine', warmup=min(75, args.steps // 10), run_dir=out / 'run', ckpt_every=min(500, args.steps), seed=1, progress=False, log_every=250)
        torch.save(ref.state_dict(), out / 'ref.pt'); json.dump(odds, open(out / 'odds.json', 'w'))
        print('trained', round(time.perf_counter() - t0), flush=True)
    head = ServeOdds(2); head.load_state_dict(torch.load(out / 'odds.pt', weights_only=True)); head.eval()
    ref = EventRefiner(width=32, keys=2, n_actions=wm.n_actions, palette=pal, position=0 if args.no_position else 64)
    ref.load_state_dict(torch.load(out / 'ref.pt', weights_only=True)); ref.eval()
    make = lambda force=None: attach(world_model(args.model, refine=False), Drawn(ref, head, C, force))
    sv = {k: serve_check(make(f), store) for k, f in (('drawn', None), ('bit_on', 1), ('bit_off', 0))}; print('serves', sv, flush=True)
    d = Drawn(ref, head, C); res = actref.play_eval(attach(world_model(args.model, refine=False), d), out, args.eval_steps, serves=sv)
    res.update(bit_drawn=round(float(np.mean(d.drawn)), 4), seconds=round(time.perf_counter() - t0))
    (out / 'result.json').write_text(json.dumps(res, indent=1)); print('bit drawn', res['bit_drawn'], 'seconds', res['seconds'])
