"""Reference numbers of notebooks/03-backprop-by-hand-in-float64.md (seed 002), float64."""

import torch

from common import section, show

lr = 0.1
w = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)

for step, (x, y) in enumerate([(1, 3), (2, 5)], start=1):
    section(f"training step {step}: x = {x}, y = {y}")
    x = torch.tensor(x)
    y = torch.tensor(y)
    y_hat = w * x + 1
    l = (y_hat - y) ** 2 / 2
    dl_dyhat, = torch.autograd.grad(l, y_hat, retain_graph=True)
    dyhat_dw, = torch.autograd.grad(y_hat, w, retain_graph=True)
    l.backward()
    show("y_hat", y_hat)
    show("l", l)
    show("dl/dy_hat", dl_dyhat)
    show("dy_hat/dw", dyhat_dw)
    show("w.grad", w.grad)
    with torch.no_grad():
        w -= lr * w.grad
        w.grad.zero_()
    show("w after step", w)

section("the seed's own code (w = tensor([1], dtype=float)): same numbers")
w = torch.tensor([1], dtype=float, requires_grad=True)
for x, y in [(1, 3), (2, 5)]:
    l = ((w * torch.tensor(x) + 1) - torch.tensor(y)) ** 2 / 2
    l.backward()
    show("seed w.grad", w.grad.sum())
    with torch.no_grad():
        w -= lr * w.grad
        w.grad.zero_()
    show("seed w", w.sum())
