"What the CLI tests share: run the `gamemodels` console script as a user does, read its JSON line."
import json, os, subprocess, sys
from pathlib import Path

EXE = [str(Path(sys.executable).parent / 'gamemodels')]   # the console script, as a user runs it
ENV = dict(os.environ, OMP_NUM_THREADS='1', GAMEMODELS_THREADS='1')


def gm(*args, timeout=300, cwd=None):
    "Run `gamemodels ARGS...` on one thread; the completed process (text output captured)."
    return subprocess.run(EXE + [str(a) for a in args], capture_output=True, text=True, timeout=timeout, env=ENV, cwd=cwd)


def last_json(out: str) -> dict:
    "The JSON object on the last line of a command's stdout."
    return json.loads(out.strip().splitlines()[-1])
