"""The workloads of gradbook-bench, in PyTorch eager and in micrograd.

    python workloads.py torch-chain|micrograd-chain [NODES]
    python workloads.py torch-seed000|micrograd-seed000

Each prints one line of JSON with the same fields as `gradbook-bench workload ...`: the best of a
few rounds in CPU seconds of this process (time.process_time, all threads) and wall seconds, the
resident-set growth per operation while the graph was built (first round), and the computed value
that shows the work was done.
"""

import json
import sys
import time


def resident_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


def report(workload, operations, rounds, result, correct, bytes_per_operation=None):
    """rounds: list of (cpu_seconds, wall_seconds)."""
    print(json.dumps({
        "workload": workload,
        "operations": operations,
        "cpu_seconds": min(r[0] for r in rounds),
        "wall_seconds": min(r[1] for r in rounds),
        "bytes_per_operation": bytes_per_operation,
        "result": result,
        "correct": correct,
    }, sort_keys=True))


def timed(body):
    cpu, wall = time.process_time(), time.perf_counter()
    value = body()
    return (time.process_time() - cpu, time.perf_counter() - wall), value


# The exact power of the f32 constant 1.000001; products rounded to f32 at every step drift
# below it (PyTorch: 1.0994757 for 100,000 nodes), hence the 2 % tolerance, as in gradbook-bench.
def chain_expected(nodes):
    import struct
    c = struct.unpack("f", struct.pack("f", 1.000001))[0]
    return c ** nodes


def torch_chain(nodes, rounds=3):
    """y = y * 1.000001 recorded `nodes` times from a leaf, then backward: one scalar op a node."""
    import torch
    warm = torch.tensor(1.0, requires_grad=True)
    (warm * 2.0).backward()
    results, growth, grad = [], None, None
    for round_index in range(rounds):
        def body():
            x = torch.tensor(1.0, requires_grad=True)
            before = resident_bytes()
            y = x
            for _ in range(nodes):
                y = y * 1.000001
            grown = resident_bytes() - before
            y.backward()
            return grown, x.grad.item()
        measured, (grown, grad) = timed(body)
        if round_index == 0:
            growth = grown / nodes
        results.append(measured)
    expected = chain_expected(nodes)
    report("chain-torch", nodes, results, "x.grad = %r" % grad,
           abs(grad - expected) <= 0.02 * expected, growth)


def micrograd_chain(nodes, rounds=3):
    """The same chain with micrograd's Value (f64; each `y * c` also makes a Value for c)."""
    from micrograd.engine import Value
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 2 * nodes + 1000))  # build_topo recurses
    results, growth, grad = [], None, None
    for round_index in range(rounds):
        def body():
            x = Value(1.0)
            before = resident_bytes()
            y = x
            for _ in range(nodes):
                y = y * 1.000001
            grown = resident_bytes() - before
            y.backward()
            return grown, x.grad
        measured, (grown, grad) = timed(body)
        if round_index == 0:
            growth = grown / nodes
        results.append(measured)
    expected = 1.000001 ** nodes
    report("chain-micrograd", nodes, results, "x.grad = %r" % grad,
           abs(grad - expected) <= 1e-6 * expected, growth)


def torch_seed000(rounds=5):
    """Seed 000's fit of y = a*x as its notebook writes it (a.data updates, a.grad = None, the
    lists a_list and loss_list), computing each step's loss once as gradbook's lesson does (the
    seed computes it twice, once for sum_loss and once for backward), without the plots."""
    import torch
    results, final = [], None
    for _ in range(rounds):
        def body():
            data_x = [1, 2, 3]
            data_y = [2, 4, 6]
            loss_list = list()
            a_list = list()
            alpha = 0.01
            a = torch.Tensor([7.0])
            a.requires_grad = True
            def forward(x):
                return a * x
            def lossFunction(x, y):
                y_pred = forward(x)
                loss = (y_pred - y) ** 2
                return loss
            for epoch in range(1000):
                sum_loss = 0
                for i in range(3):
                    l = lossFunction(data_x[i], data_y[i])
                    sum_loss += l
                    l.backward()
                    a.data = a.data - alpha * a.grad
                    a.grad = None
                    a_list.append(a.data)
                loss_list.append(sum_loss / 3)
            return a.item()
        measured, final = timed(body)
        results.append(measured)
    report("seed000-torch", 3000, results, "a = %r" % final, final == 2.0000007152557373)


def micrograd_seed000(rounds=5):
    """The same loop with micrograd's Value (f64, so a ends near 2, not at 2.0000007)."""
    from micrograd.engine import Value
    results, final = [], None
    for _ in range(rounds):
        def body():
            data_x = [1, 2, 3]
            data_y = [2, 4, 6]
            loss_list = list()
            a_list = list()
            alpha = 0.01
            a = Value(7.0)
            for epoch in range(1000):
                sum_loss = 0
                for i in range(3):
                    l = (a * data_x[i] - data_y[i]) ** 2
                    sum_loss = sum_loss + l
                    l.backward()
                    a.data = a.data - alpha * a.grad
                    a.grad = 0
                    a_list.append(a.data)
                loss_list.append(sum_loss.data / 3)
            return a.data
        measured, final = timed(body)
        results.append(measured)
    report("seed000-micrograd", 3000, results, "a = %r" % final, abs(final - 2) < 1e-6)


def main(argv):
    workloads = {
        "torch-chain": torch_chain,
        "micrograd-chain": micrograd_chain,
        "torch-seed000": torch_seed000,
        "micrograd-seed000": micrograd_seed000,
    }
    if len(argv) < 2 or argv[1] not in workloads:
        print(__doc__, file=sys.stderr)
        return 2
    if argv[1].endswith("-chain"):
        workloads[argv[1]](int(argv[2]) if len(argv) > 2 else 100_000)
    else:
        workloads[argv[1]]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
