"""Reference numbers of notebooks/05-the-three-steps-of-backprop.md (seed 004) and of its
Chinese twin notebooks/06-反向传播的三个步骤.md, float32."""

import torch

from common import section, show

section("forward, local gradients, backward at x = 1, y = 2, w = 1")
x = torch.tensor(1.0)
y = torch.tensor(2.0)
w = torch.tensor(1.0, requires_grad=True)
y_hat = w * x
s = y_hat - y
loss = s**2
dloss_ds, dloss_dyhat = torch.autograd.grad(loss, [s, y_hat], retain_graph=True)
loss.backward()
show("y_hat", y_hat)
show("s", s)
show("loss", loss)
show("dloss/ds", dloss_ds)
show("dloss/dy_hat", dloss_dyhat)
show("w.grad", w.grad)

section("twenty steps of SGD, lr 0.1")
optimizer = torch.optim.SGD([w], lr=0.1)
optimizer.zero_grad()
rows = []
for i in range(20):
    loss = (w * x - y) ** 2
    loss.backward()
    rows.append((i, loss.item(), w.grad.item()))
    optimizer.step()
    optimizer.zero_grad()
for row in rows[:3]:
    show(f"step {row[0]} (loss, w.grad)", list(row[1:]))
show("loss at step 19", rows[-1][1])
show("w after 20 steps", w)
