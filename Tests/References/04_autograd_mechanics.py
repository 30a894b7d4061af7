"""Reference numbers of notebooks/04-autograd-mechanics.md (seed 003), float32."""

import torch

from common import section, show

a = torch.tensor(1.0)
b = torch.tensor(-2.0)
c = torch.tensor(1.0)


def f(x):
    return a * torch.pow(x, 2) + b * x + c


section("scalar backward")
x = torch.tensor(0.0, requires_grad=True)
y = f(x)
y.backward()
show("y", y)
show("x.grad", x.grad)

section("non-scalar backward with a gradient of ones")
x = torch.tensor([[0.0, 0.0], [1.0, 2.0]], requires_grad=True)
y = f(x)
y.backward(gradient=torch.ones(2, 2))
show("y", y)
show("x.grad", x.grad)

section("the same as the backward of sum(y * gradient)")
x = torch.tensor([[0.0, 0.0], [1.0, 2.0]], requires_grad=True)
y = f(x)
z = torch.sum(y * torch.ones(2, 2))
z.backward()
show("z", z)
show("x.grad", x.grad)

section("backward of a non-scalar without a gradient is an error")
try:
    x = torch.tensor([[0.0, 0.0], [1.0, 2.0]], requires_grad=True)
    f(x).backward()
except RuntimeError as error:
    print("RuntimeError:", error)

section("first and second derivative with autograd.grad")
x = torch.tensor(0.0, requires_grad=True)
y = f(x)
dy_dx = torch.autograd.grad(y, x, create_graph=True)[0]
dy2_dx2 = torch.autograd.grad(dy_dx, x)[0]
show("dy/dx", dy_dx)
show("d2y/dx2", dy2_dx2)

section("several inputs and outputs")
x1 = torch.tensor(1.0, requires_grad=True)
x2 = torch.tensor(2.0, requires_grad=True)
y1 = x1 * x2
y2 = x1 + x2
dy1_dx1, dy1_dx2 = torch.autograd.grad(outputs=y1, inputs=[x1, x2], retain_graph=True)
show("dy1/dx1", dy1_dx1)
show("dy1/dx2", dy1_dx2)
dy12_dx1, dy12_dx2 = torch.autograd.grad(outputs=[y1, y2], inputs=[x1, x2])
show("d(y1+y2)/dx1", dy12_dx1)
show("d(y1+y2)/dx2", dy12_dx2)

section("SGD minimises f: 500 steps of lr 0.01 from x = 0")
x = torch.tensor(0.0, requires_grad=True)
optimizer = torch.optim.SGD(params=[x], lr=0.01)
trajectory = []
for i in range(500):
    optimizer.zero_grad()
    y = f(x)
    y.backward()
    optimizer.step()
    trajectory.append((y.item(), x.item()))
show("(y, x) after steps 1..3", trajectory[:3])
show("y before the last step", trajectory[-1][0])
show("x", x)
show("f(x)", f(x))
x64 = x.detach().double()
show("f(x) in float64 arithmetic on the same x", x64**2 - 2 * x64 + 1)
show("(x - 1)^2 in float32", (x.detach() - 1) ** 2)
