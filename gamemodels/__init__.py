"""A notebook-first teaching library for game AI from pixels: agents, world models, inverse dynamics, policies.

Modules:

- `gamemodels.a2l`: From real controls to latent actions: a small model maps the game action (and what the screen shows) to the latent action code the latent action model would have inferred. Chained with the LAM decoder it makes a world model you can *play*: a real action in, the next imagined frame out.
- `gamemodels.bench`: Benchmarks: each one measures a figure an issue or a model card promises, on this machine, and returns it as a dict that `gamemodels bench NAME` prints as JSON. The registry itself is in `core`.
- `gamemodels.core`: The few things every other notebook leans on: which device to run on, seeds, CPU threads, budgets, files that are never half-written, frames and GIFs shown inline, and a model base class that saves to safetensors and loads from a local folder or the Hugging Face hub.
- `gamemodels.data`: One data contract, the **episode**, for everything gamemodels makes or reads: an agent's play, a person's play in the widget, a recording from the real-time client, an unlabeled video. How to record episodes, store them safely, load them fast, and feed them to PyTorch.
- `gamemodels.dqn`: Agents that learn Breakout from pixels: the Nature Q-network, TD targets, a target network, Double DQN and the Huber loss; a replay memory that keeps each frame once; prioritized replay on a sum tree; epsilon-greedy and Boltzmann exploration; Random Network Distillation; a fast training loop with checkpoints and resume; and a `DQNAgent` whose play becomes a dataset.
- `gamemodels.envs`: Atari games through gymnasium, the two ways models look at them (64x64 colour for world models, 84x84 grey stacks for DQN), the keyboard keys behind each action, and three agents that make gameplay: random, an oracle that reads the console's memory, and a mixer of the two.
- `gamemodels.lam`: A latent action model learned from video alone: an encoder reads two consecutive frames and names the change between them with one of a few codes (a *latent action*); a decoder, given the recent frames and that code, draws the next frame. The decoder is a world model; the codes are its controls.
- `gamemodels.play`: Play the real game, or a world model's imagined game, inside Jupyter: click the picture, hold the arrow keys and Space. Your play can be saved as episodes in the standard dataset format.
- `gamemodels.train`: One small `fit` loop for every model in gamemodels: deterministic batches, learning-rate warmup and cosine decay, gradient clipping, periodic evaluation, a progress bar, metrics in a CSV file, atomic checkpoints with *exact* resume, bf16 autocast on a GPU, and DistributedDataParallel under `torchrun`, all through the same code path.
- `gamemodels.world`: How to measure a world model, written once for every world model in the library: PSNR and SSIM as played against the real game, the same over the pixels that move, a small detector that reads the paddle and the ball off 64x64 frames, controllability, drift and speed."""

__version__ = "0.1.0"
