set -e
cd /work/main
.venv/bin/gamemodels train lam-refiner --budget cpu --threads 2 --lam runs/hold/lamunroll2/model --a2l runs/hold/a2lu/model --data runs/hold/data-lam-cpu --out runs/hold/shiph --seed 1 --keys 2 --weights context --palette 128 --fade 0.7 --least 8 --hold 16 --quiet
.venv/bin/gamemodels train a2l --budget cpu --threads 2 --data runs/hold/data-lam-cpu --lam runs/hold/lamunroll2/model --out runs/hold/a2luh --loop 8 --loop-refiner runs/hold/shiph/model --quiet
.venv/bin/python docs/experiments/hold/trio.py runs/hold/lamunroll2/model runs/hold/a2luh/model runs/hold/shiph/model runs/hold/trio5
