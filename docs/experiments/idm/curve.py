# The VPT-style curve: held-out idm_accuracy against the share of labelled play the IDM learned from.
# `python docs/experiments/idm/curve.py RUN...` (folders of `gamemodels train idm --labeled F` runs) writes
# docs/experiments/idm-labeled-curve.png and prints the table.
import json, sys
from pathlib import Path
import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
runs = sorted((json.loads((Path(r) / 'train.json').read_text()) for r in sys.argv[1:]), key=lambda d: d.get('labeled', 1.0))
for d in runs: print(f"| {d.get('labeled', 1.0):.0%} | {d['windows']} | {d['idm_accuracy']:.4f} | {d['accuracy']:.4f} | {d['train_minutes']} |")
fig, ax = plt.subplots(figsize=(5, 3.2))
x = [d.get('labeled', 1.0) for d in runs]
ax.plot(x, [d['idm_accuracy'] for d in runs], 'o-', label='in the set of equivalent actions')
ax.plot(x, [d['accuracy'] for d in runs], 's--', label='the action pressed')
ax.axhline(0.97, color='grey', lw=0.8, ls=':'); ax.text(x[0], 0.975, 'target 0.97', fontsize=7, color='grey')
ax.set(xscale='log', xlabel='share of the 13 training games used (in order)', ylabel='held-out accuracy', ylim=(0.3, 1.0),
       title='IDM: accuracy against labelled play')
ax.legend(fontsize=7); fig.tight_layout(); fig.savefig('docs/experiments/idm-labeled-curve.png', dpi=100)
