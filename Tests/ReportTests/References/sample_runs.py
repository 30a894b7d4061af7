# Reference numbers for the report's sample lesson (Tests/ReportTests/SampleOutcomes.swift):
# the tour's `momentum` and `adam` blocks, run in PyTorch. Prints Swift array literals of the
# logged losses (each float32 loss printed as the exact double of its float).
import torch

w = torch.tensor(5.0, requires_grad=True)
opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
momentum = []
for i in range(20):
    l = (w - 2) ** 2
    opt.zero_grad()
    l.backward()
    opt.step()
    momentum.append(l.item())
print("momentum l:", "[" + ", ".join(repr(v) for v in momentum) + "]")
print("momentum final w:", repr(float(w)))

x = torch.tensor([0.0, 1, 2, 3], dtype=torch.float64)
y = torch.tensor([1.0, 3, 7, 13], dtype=torch.float64)
a = torch.zeros((), dtype=torch.float64, requires_grad=True)
b = torch.zeros((), dtype=torch.float64, requires_grad=True)
c = torch.zeros((), dtype=torch.float64, requires_grad=True)
opt = torch.optim.Adam([a, b, c], lr=0.1)
adam = []
for i in range(300):
    l = torch.mean((a * x**2 + b * x + c - y) ** 2)
    opt.zero_grad()
    l.backward()
    opt.step()
    adam.append(l.item())
print("adam l:", "[" + ", ".join(repr(v) for v in adam) + "]")
