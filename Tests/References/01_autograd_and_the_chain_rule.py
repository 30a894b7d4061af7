"""Reference numbers of notebooks/01-autograd-and-the-chain-rule.md (seed 000), float32."""

import torch

from common import section, show

section("Q = 3a^3 - b^2, backward with gradient [1, 1]")
a = torch.tensor([2.0, 3.0], requires_grad=True)
b = torch.tensor([6.0, 4.0], requires_grad=True)
Q = 3 * a**3 - b**2
Q.backward(gradient=torch.tensor([1.0, 1.0]))
show("Q", Q)
show("a.grad", a.grad)
show("b.grad", b.grad)
show("9*a^2", 9 * a.detach() ** 2)
show("-2*b", -2 * b.detach())

section("z = x*y + b")
x = torch.tensor(3.0, requires_grad=True)
y = torch.tensor(4.0, requires_grad=True)
b = torch.tensor(5.0, requires_grad=True)
z = x * y + b
z.backward()
show("z", z)
show("x.grad", x.grad)
show("y.grad", y.grad)
show("b.grad", b.grad)

data_x = [1.0, 2.0, 3.0]
data_y = [2.0, 4.0, 6.0]
lr = 0.01

section("one epoch by hand from a = 7")
a = torch.tensor(7.0, requires_grad=True)
total = 0
for x, y in zip(data_x, data_y):
    l = (a * x - y) ** 2
    total = total + l
    l.backward()
    show(f"x={x} l", l)
    show(f"x={x} a.grad", a.grad)
    with torch.no_grad():
        a -= lr * a.grad
    a.grad = None
    show(f"x={x} a after step", a)
show("mean_loss epoch 0", total / 3)

section("1000 epochs from a = 7 (the seed's loop)")
a = torch.tensor(7.0, requires_grad=True)
a_list = []
loss_list = []
for epoch in range(1000):
    total = 0
    for x, y in zip(data_x, data_y):
        l = (a * x - y) ** 2
        total = total + l
        l.backward()
        with torch.no_grad():
            a -= lr * a.grad
        a.grad = None
        a_list.append(a.item())
    loss_list.append((total / 3).item())
show("a after step 1..6", a_list[:6])
show("a after the last 3 steps", a_list[-3:])
show("mean_loss epochs 0..4", loss_list[:5])
show("mean_loss epoch 999", loss_list[-1])
show("steps", float(len(a_list)))
show("a final", a)

section("the seed's own code (a = torch.Tensor([7.0]), a.data = ...): same numbers")
a = torch.Tensor([7.0])
a.requires_grad = True
loss_list = []
for epoch in range(1000):
    sum_loss = 0
    for i in range(3):
        sum_loss += (a * data_x[i] - data_y[i]) ** 2
        l = (a * data_x[i] - data_y[i]) ** 2
        l.backward()
        a.data = a.data - lr * a.grad
        a.grad = None
    loss_list.append(sum_loss / 3)
show("seed mean_loss epoch 0", loss_list[0].sum())
show("seed a final", a.sum())
