# Prints the PyTorch numbers used in AutodiffTests/PyTorchReferenceTests.swift.
# Run: /opt/torchenv/bin/python engine_references.py   (PyTorch 2.15.0, CPU)
import torch

def show(name, t):
    values = t.detach().reshape(-1).tolist()
    print(f"{name} = {[float(v) for v in values]!r}")

# 1. Adam in f32: 50 steps of the tour's quadratic fit.
x = torch.tensor([0.0, 1.0, 2.0, 3.0])
y = torch.tensor([1.0, 3.0, 7.0, 13.0])
a, b, c = (torch.tensor(0.0, requires_grad=True) for _ in range(3))
opt = torch.optim.Adam([a, b, c], lr=0.1)
for _ in range(50):
    opt.zero_grad()
    l = torch.mean((a * x**2 + b * x + c - y) ** 2)
    l.backward()
    opt.step()
show("adam_f32_abc", torch.stack([a, b, c]))
show("adam_f32_last_loss", l)

# 2. SGD with momentum on a 20-element f32 param: l = sum((w - t)^2 * k).
w = torch.linspace(-1, 1, 20).requires_grad_()
t = torch.arange(20.0) / 7
k = torch.arange(1.0, 21.0) / 10
opt = torch.optim.SGD([w], lr=0.03, momentum=0.8)
for _ in range(15):
    opt.zero_grad()
    l = torch.sum((w - t) ** 2 * k)
    l.backward()
    opt.step()
show("sgd_momentum_w", w)

# 3. tanh and its gradient at a few f32 scalars.
for v in [0.3, -1.7, 2.9]:
    s = torch.tensor(v, requires_grad=True)
    out = torch.tanh(s)
    out.backward()
    show(f"tanh_{v}", torch.stack([out, s.grad]))

# 4. A sum of 37 f32 values (PyTorch's cascade order) and its mean.
v = torch.arange(37.0) * 0.1 + 0.01
show("sum37", v.sum())
show("mean37", v.mean())
m = (torch.arange(60.0).reshape(6, 10) * 0.37 - 3.3) ** 2
show("sum_dim0", m.sum(0))
show("sum_dim1", m.sum(1))

# 5. cross_entropy of a 3x4 batch (f32) and its gradient.
logits = torch.tensor([[0.2, -1.3, 2.1, 0.5], [1.1, 0.4, -0.7, 0.0], [-2.0, 3.0, 0.5, 1.5]], requires_grad=True)
target = torch.tensor([2, 0, 1])
l = torch.nn.functional.cross_entropy(logits, target)
l.backward()
show("ce_loss", l)
show("ce_grad", logits.grad)

# 6. binary cross-entropy (f32) and its gradient.
p = torch.tensor([0.9, 0.2, 0.6, 1.0], requires_grad=True)
q = torch.tensor([1.0, 0.0, 1.0, 0.0])
l = torch.nn.functional.binary_cross_entropy(p, q)
l.backward()
show("bce_loss", l)
show("bce_grad", p.grad)

# 7. A small f32 matmul and its gradients.
A = (torch.arange(6.0).reshape(2, 3) * 0.3 - 0.7).requires_grad_()
B = (torch.arange(12.0).reshape(3, 4) * -0.21 + 1.1).requires_grad_()
out = A @ B
out.sum().backward()
show("mm_out", out)
show("mm_gradA", A.grad)
show("mm_gradB", B.grad)

# 8. x ** 2.5 and x ** 3 in f32 with gradients.
x = torch.tensor([0.7, 1.3, 2.9], requires_grad=True)
(x ** 2.5).sum().backward()
show("pow25", x ** 2.5)
show("pow25_grad", x.grad)

# 9. softmax and log_softmax of a row (f32).
s = torch.tensor([0.5, -0.25, 1.75, 0.0])
show("softmax", torch.softmax(s, 0))
show("log_softmax", torch.log_softmax(s, 0))

# 10. linspace and arange in f32.
show("linspace", torch.linspace(-1.3, 2.2, 7))
show("arange", torch.arange(0.1, 1.0, 0.15))

# 11. max with ties: over dim the gradient goes to the first maximum, over everything it is shared.
x = torch.tensor([[1.0, 3.0, 3.0, 0.0], [2.0, 2.0, 1.0, 2.0]], requires_grad=True)
x.max(dim=1).values.sum().backward()
show("max_dim_grad", x.grad)
x.grad = None
x.max().backward()
show("max_all_grad", x.grad)
