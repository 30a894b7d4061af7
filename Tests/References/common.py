"""Printing helpers shared by the reference scripts.

Every number is printed at full precision: repr(float(...)) for scalars and
.tolist() for tensors (a float32 value printed as the double it exactly is).
"""

import torch


def show(label, value):
    """Print `label = value`, value a tensor, a float or a list."""
    if isinstance(value, torch.Tensor):
        value = value.detach()
        value = repr(float(value)) if value.numel() == 1 and value.dim() == 0 else repr(value.tolist())
    elif isinstance(value, float):
        value = repr(value)
    print(f"{label} = {value}")


def section(title):
    print()
    print(f"## {title}")
