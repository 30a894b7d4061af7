"""Reference numbers of notebooks/07-why-activations-matter.md, float32.

Two copies of the same two-layer network (2 -> 3 -> 1) start from the same
fixed weights; one has no activation, the other tanh on its hidden layer.
Both are trained on XOR with plain SGD (lr 0.5) for 300 steps on the mean
squared error.
"""

import torch

from common import section, show

X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
W1_0 = [[0.5, -0.4, 0.3], [-0.6, 0.2, 0.7]]
b1_0 = [0.1, -0.1, 0.0]
W2_0 = [[0.4], [-0.5], [0.6]]
b2_0 = [0.0]


def network():
    return [torch.tensor(v, requires_grad=True) for v in (W1_0, b1_0, W2_0, b2_0)]


def linear(p):
    W1, b1, W2, b2 = p
    return (X @ W1 + b1) @ W2 + b2


def tanh(p):
    W1, b1, W2, b2 = p
    return torch.tanh(X @ W1 + b1) @ W2 + b2


def loss(out):
    return torch.mean((out - Y) ** 2)


lin = network()
tnh = network()

section("at the initial weights")
out_lin = linear(lin)
out_tanh = tanh(tnh)
l_lin = loss(out_lin)
l_tanh = loss(out_tanh)
show("out_lin", out_lin)
show("out_tanh", out_tanh)
show("l_lin", l_lin)
show("l_tanh", l_tanh)
pre = X @ tnh[0] + tnh[1]
h = torch.tanh(pre)
out = h @ tnh[2] + tnh[3]
l = loss(out)
dl_dout, dl_dh, dl_dpre = torch.autograd.grad(l, [out, h, pre], retain_graph=True)
show("h", h)
show("dl/dout", dl_dout)
show("2*(out - Y)/4", 2 * (out - Y) / 4)
show("dl/dh", dl_dh)
show("dl/dpre", dl_dpre)
show("dl/dpre by hand (dl/dh * (1 - h^2))", dl_dh * (1 - h**2))
l_lin.backward()
l_tanh.backward()
for name, p in zip(("W1", "b1", "W2", "b2"), lin):
    show(f"{name}_lin.grad", p.grad)
for name, p in zip(("W1", "b1", "W2", "b2"), tnh):
    show(f"{name}_tanh.grad", p.grad)
show("h.T @ dl/dout", h.T @ dl_dout)
W = lin[0] @ lin[2]
c = lin[1] @ lin[2] + lin[3]
show("W1_lin @ W2_lin", W)
show("b1_lin @ W2_lin + b2_lin", c)
show("X @ W + c", X @ W + c)

section("300 steps of SGD, lr 0.5, both networks")
opt = torch.optim.SGD(lin + tnh, lr=0.5)
opt.zero_grad()
rows = []
for i in range(300):
    l_lin = loss(linear(lin))
    l_tanh = loss(tanh(tnh))
    l_lin.backward()
    l_tanh.backward()
    opt.step()
    opt.zero_grad()
    rows.append((i, l_lin.item(), l_tanh.item()))
for row in rows[:3] + rows[-3:]:
    show(f"step {row[0]} (l_lin, l_tanh)", list(row[1:]))

section("after training")
out_lin = linear(lin)
out_tanh = tanh(tnh)
show("out_lin", out_lin)
show("out_tanh", out_tanh)
show("l_lin", loss(out_lin))
show("l_tanh", loss(out_tanh))
for name, p in zip(("W1", "b1", "W2", "b2"), lin):
    show(f"{name}_lin", p)
for name, p in zip(("W1", "b1", "W2", "b2"), tnh):
    show(f"{name}_tanh", p)
W = lin[0] @ lin[2]
c = lin[1] @ lin[2] + lin[3]
show("W1_lin @ W2_lin", W)
show("b1_lin @ W2_lin + b2_lin", c)
show("X @ W + c", X @ W + c)

section("float64 run of the same training, to see how much float32 rounding matters")
X64, Y64 = X.double(), Y.double()
lin64 = [p.detach().double().requires_grad_() for p in network()]
tnh64 = [p.detach().double().requires_grad_() for p in network()]
opt = torch.optim.SGD(lin64 + tnh64, lr=0.5)
for i in range(300):
    W1, b1, W2, b2 = lin64
    la = torch.mean((((X64 @ W1 + b1) @ W2 + b2) - Y64) ** 2)
    W1, b1, W2, b2 = tnh64
    lb = torch.mean(((torch.tanh(X64 @ W1 + b1) @ W2 + b2) - Y64) ** 2)
    opt.zero_grad()
    la.backward()
    lb.backward()
    opt.step()
W1, b1, W2, b2 = tnh64
show("out_tanh (f64)", torch.tanh(X64 @ W1 + b1) @ W2 + b2)
W1, b1, W2, b2 = lin64
show("out_lin (f64)", (X64 @ W1 + b1) @ W2 + b2)

section("the bumps in the tanh loss (float32 run above): the largest loss after step 20")
peaks = sorted(rows[20:], key=lambda row: -row[2])[:3]
for row in sorted(peaks):
    show(f"step {row[0]} l_tanh", row[2])
show("first step with l_tanh < 0.01", float(next(row[0] for row in rows if row[2] < 0.01)))
