"""Reference numbers of notebooks/02-computational-graph-and-training-by-hand.md (seed 001), float32."""

import torch

from common import section, show

xs = [1.0, 2.0, 3.0]
ys = [2.0, 4.0, 6.0]

section("y_hat = x*w from w = 1: prediction before training")
w = torch.tensor(1.0, requires_grad=True)
show("4*w", 4 * w)

section("epoch 0, sample by sample")
for x, y in zip(xs, ys):
    l = (x * w - y) ** 2
    l.backward()
    show(f"x={x} l", l)
    show(f"x={x} w.grad", w.grad)
    with torch.no_grad():
        w -= 0.01 * w.grad
    w.grad.zero_()
    show(f"x={x} w after step", w)
show("epoch 0 l (last sample)", l)

section("epochs 1..99")
per_epoch = []
grads = []
for epoch in range(1, 100):
    for x, y in zip(xs, ys):
        l = (x * w - y) ** 2
        l.backward()
        grads.append(w.grad.item())
        with torch.no_grad():
            w -= 0.01 * w.grad
        w.grad.zero_()
    per_epoch.append(l.item())
show("epoch 1 grads", grads[:3])
show("l epochs 1..6", per_epoch[:6])
show("l epoch 99", per_epoch[-1])
show("w final", w)
show("4*w after", 4 * w)

section("the seed's own code (w = torch.Tensor([1.0]), w.data = ...): same numbers")
w = torch.Tensor([1.0])
w.requires_grad = True
for epoch in range(100):
    for x, y in zip(xs, ys):
        l = (x * w - y) * (x * w - y)
        l.backward()
        w.data = w.data - 0.01 * w.grad.data
        w.grad.data.zero_()
    if epoch == 0:
        show("seed epoch 0 l", l.sum())
show("seed epoch 99 l", l.sum())
show("seed predict after", (4 * w).sum())

section("y_hat = w1*x^2 + w2*x + b from 1, 1, 1: hand derivation at x = 1, y = 2")
w1 = torch.tensor(1.0, requires_grad=True)
w2 = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(1.0, requires_grad=True)
x, y = 1.0, 2.0
y_hat = w1 * x**2 + w2 * x + b
r = y_hat - y
loss = r**2
loss.backward()
show("y_hat", y_hat)
show("loss", loss)
show("w1.grad", w1.grad)
show("w2.grad", w2.grad)
show("b.grad", b.grad)
show("prediction for 4 before training", w1 * 16 + w2 * 4 + b)

section("quadratic: epoch 0 (zero_grad at the top of each step)")
w1 = torch.tensor(1.0, requires_grad=True)
w2 = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(1.0, requires_grad=True)
params = [w1, w2, b]


def sample_step(x, y):
    for p in params:
        p.grad = None
    l = (w1 * x**2 + w2 * x + b - y) ** 2
    l.backward()
    with torch.no_grad():
        for p in params:
            p -= 0.01 * p.grad
    return l


for x, y in zip(xs, ys):
    l = sample_step(x, y)
    show(f"x={x} grads", [w1.grad.item(), w2.grad.item(), b.grad.item()])
show("epoch 0 l", l)

section("quadratic: epochs 1..95")
per_epoch = []
for epoch in range(1, 96):
    for x, y in zip(xs, ys):
        l = sample_step(x, y)
    per_epoch.append(l.item())
show("l epochs 1..3", per_epoch[:3])
show("epoch 95 l", l)
show("epoch 95 last grads", [w1.grad.item(), w2.grad.item(), b.grad.item()])

section("quadratic: epochs 96..99")
for epoch in range(96, 100):
    for x, y in zip(xs, ys):
        l = sample_step(x, y)
    show(f"epoch {epoch} l", l)
show("w1", w1)
show("w2", w2)
show("b", b)
show("prediction for 4 after training", w1 * 16 + w2 * 4 + b)

section("the seed's own code for the quadratic model: same numbers")
w1 = torch.Tensor([1.0]); w1.requires_grad = True
w2 = torch.Tensor([1.0]); w2.requires_grad = True
b = torch.Tensor([1.0]); b.requires_grad = True
for epoch in range(100):
    for x, y in zip(xs, ys):
        l = (w1 * x**2 + w2 * x + b - y) ** 2
        l.backward()
        w1.data = w1.data - 0.01 * w1.grad.data
        w2.data = w2.data - 0.01 * w2.grad.data
        b.data = b.data - 0.01 * b.grad.data
        w1.grad.data.zero_()
        w2.grad.data.zero_()
        b.grad.data.zero_()
    if epoch in (0, 95):
        show(f"seed epoch {epoch} l", l.sum())
show("seed predict after", (w1 * 4**2 + w2 * 4 + b).sum())
