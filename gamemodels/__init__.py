"""A notebook-first teaching library for game AI from pixels: agents, world models, inverse dynamics, policies.

Modules:

- `gamemodels.core`: The few things every other notebook leans on: which device to run on, seeds, CPU threads, budgets, files that are never half-written, frames and GIFs shown inline, and a model base class that saves to safetensors and loads from a local folder or the Hugging Face hub."""

__version__ = "0.1.0"
