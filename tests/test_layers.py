"""The import layers of gamemodels, written once here, and a test that keeps every module inside them.

A module may import modules of lower layers only (inside functions too), a model module may import another
model module only where the method chains them, and no module imports another module's `_private` names.
README.md and nbs/index.ipynb show the same order as a diagram.
"""
import ast
from pathlib import Path
import pytest

PKG = Path(__file__).resolve().parent.parent / 'gamemodels'

LAYERS = [                                   # lowest first
    ('core',),                               # devices, seeds, budgets, atomic files, HubModel, registries, checkpoints, targets
    ('envs',),                               # games, keymaps, scripted agents
    ('data',),                               # the episode, datasets, recording recipes, the shipped-checkpoint table
    ('train',),                              # fit, trainer scaffolding
    ('world',),                              # the world-model interface, measurements, the detail refiner
    ('dqn', 'lam', 'a2l', 'diffusion', 'idm', 'bc', 'policy'),  # one model each
    ('play', 'server', 'bench'),             # on top: the play widget, the policy server, the benchmark runner
    ('cli',),                                # the command line
]
CHAINS = {('a2l', 'lam'),                     # a2l learns to predict the latent actions of a trained LAM
          ('bc', 'idm')}                     # a clone learns from the actions an IDM read off video (the VPT experiment)
SKIP = {'__init__', '_modidx'}

LAYER = {m: i for i, names in enumerate(LAYERS) for m in names}


def imports(tree: ast.AST):
    "(module, names) for every import of a gamemodels module in `tree`, at any depth; names is () for `import gamemodels.x`."
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            mod = node.module or ''
            if node.level:                                    # from .x import y  /  from . import x
                if mod: yield mod.split('.')[0], tuple(a.name for a in node.names)
                else:
                    for a in node.names: yield a.name, ()
            elif mod == 'gamemodels':                         # from gamemodels import x (a module, or __version__)
                for a in node.names:
                    if a.name != '__version__': yield a.name, ()
            elif mod.startswith('gamemodels.'): yield mod.split('.')[1], tuple(a.name for a in node.names)
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith('gamemodels.'): yield a.name.split('.')[1], ()


def problems(name: str, source: str) -> list[str]:
    "What is wrong with the imports of module `name` whose code is `source` (empty when nothing is)."
    out = []
    for mod, names in imports(ast.parse(source)):
        if mod == name: continue
        if mod not in LAYER: out.append(f"{name} imports {mod}, which is in no layer")
        elif (name, mod) not in CHAINS and LAYER[mod] >= LAYER[name]:
            out.append(f"{name} (layer {LAYER[name]}) imports {mod} (layer {LAYER[mod]}): imports flow down only")
        out += [f"{name} imports {mod}'s private name {n}" for n in names if n.startswith('_') and not n.startswith('__')]
    return out


MODULES = sorted(p.stem for p in PKG.glob('*.py') if p.stem not in SKIP)


def test_every_module_has_a_layer():
    assert [m for m in MODULES if m not in LAYER] == [], "put each new module into LAYERS"
    assert [m for m in LAYER if m not in MODULES] == [], "LAYERS names a module that is gone"


@pytest.mark.parametrize('name', MODULES)
def test_imports_flow_down_and_stay_public(name):
    assert problems(name, (PKG / f'{name}.py').read_text()) == []


def test_the_check_finds_what_it_should():
    assert problems('data', 'from .world import HeldOut') == ['data (layer 2) imports world (layer 4): imports flow down only']
    assert problems('diffusion', 'def f():\n    from gamemodels.a2l import x') != []        # a model module that the method does not chain
    assert problems('a2l', 'from .lam import LatentActionModel') == []                     # ...and one it does
    assert problems('play', 'from .data import _read_manifest') == ["play imports data's private name _read_manifest"]
    assert problems('cli', 'from gamemodels import bench, __version__\nimport gamemodels.core') == []
    assert problems('core', 'from gamemodels import cli') != []


def diagram(text: str) -> list[tuple[str, ...]]:
    "The layers drawn in the code block under '## How the modules fit' in `text`, lowest first."
    block = text.split('## How the modules fit', 1)[1].split('```', 2)[1]
    rows = [l.strip().lstrip('└').strip().split('  ')[0] for l in block.strip('\n').splitlines()]
    return [tuple(n.split(' (')[0].strip() for n in r.split(' · ')) for r in rows]


def test_readme_and_index_draw_these_layers():
    import json
    root = PKG.parent
    index = ''.join(''.join(c['source']) for c in json.loads((root / 'nbs' / 'index.ipynb').read_text())['cells'])
    assert diagram((root / 'README.md').read_text()) == LAYERS
    assert diagram(index) == LAYERS
