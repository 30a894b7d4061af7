# Prints the PyTorch numbers used in AutodiffTests/OptimizerStepTests.swift: torch.optim.SGD on
# 0-d params (the engine's scalar path), alone and next to a vector param.
# Run: /opt/torchenv/bin/python sgd_scalar_references.py   (PyTorch 2.15.0, CPU)
import torch

# 1. f64: (w - 2)^2 from w = 5, lr 0.1, momentum 0.9, 20 steps.
w = torch.tensor(5.0, dtype=torch.float64, requires_grad=True)
opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
for _ in range(20):
    opt.zero_grad()
    l = (w - 2) ** 2
    l.backward()
    opt.step()
print(f"f64 w = {w.item()!r}, last loss = {l.item()!r}")

# 2. f32: two 0-d params, (w*3 + b - 7)^2 from w = 0.5, b = -1, lr 0.01, momentum 0.5, 30 steps.
w = torch.tensor(0.5, requires_grad=True)
b = torch.tensor(-1.0, requires_grad=True)
opt = torch.optim.SGD([w, b], lr=0.01, momentum=0.5)
for _ in range(30):
    opt.zero_grad()
    l = (w * 3 + b - 7) ** 2
    l.backward()
    opt.step()
print(f"f32 w = {w.item()!r}, b = {b.item()!r}, last loss = {l.item()!r}")

# 3. f32: a 0-d param and a vector param in one step, sum((v * s - [1, 2, 3])^2), from s = 0.7,
# v = [0.1, 0.2, 0.3], lr 0.02, momentum 0.8, 25 steps.
s = torch.tensor(0.7, requires_grad=True)
v = torch.tensor([0.1, 0.2, 0.3], requires_grad=True)
opt = torch.optim.SGD([s, v], lr=0.02, momentum=0.8)
target = torch.tensor([1.0, 2.0, 3.0])
for _ in range(25):
    opt.zero_grad()
    l = torch.sum((v * s - target) ** 2)
    l.backward()
    opt.step()
print(f"mixed s = {s.item()!r}, v = {v.tolist()!r}, last loss = {l.item()!r}")
