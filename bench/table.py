"""Prints the side-by-side table of bench/compare.sh from the JSON files it wrote.

    python table.py RESULTS_FOLDER

Every ratio is (the alternative's number) / (gradbook's number): how many times faster, or how
many times less memory, gradbook is. Times are the best of the rounds; per-operation times are CPU
seconds of the process (robust to other processes sharing the machine); whole runs show wall
time as the user waits for it, and their CPU time.
"""

import json
import os
import platform
import sys


def load(folder, name):
    path = os.path.join(folder, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def kernel_stats(folder):
    """The last cell of the executed seeds notebook prints the kernel's own time and memory."""
    path = os.path.join(folder, "seeds.executed.ipynb")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        notebook = json.load(f)
    for cell in reversed(notebook["cells"]):
        for output in cell.get("outputs", []):
            text = "".join(output.get("text", ""))
            if "kernel_seconds" in text:
                return json.loads(text.strip().splitlines()[-1])
    return None


def slowest_cells(folder, count=3):
    """(seconds, first source line) of the slowest cells, from nbclient's timing metadata."""
    from datetime import datetime
    path = os.path.join(folder, "seeds.executed.ipynb")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        notebook = json.load(f)
    parse = lambda stamp: datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    cells = []
    for cell in notebook["cells"]:
        timing = cell.get("metadata", {}).get("execution", {})
        if "iopub.execute_input" in timing and "shell.execute_reply" in timing:
            seconds = (parse(timing["shell.execute_reply"]) - parse(timing["iopub.execute_input"])).total_seconds()
            source = " ".join(line.strip() for line in "".join(cell["source"]).strip().splitlines())
            cells.append((seconds, "%s: %s" % (cell.get("id", "?"), source)))
    return sorted(cells, reverse=True)[:count]


def notebook_errors(folder):
    path = os.path.join(folder, "seeds.executed.ipynb")
    if not os.path.exists(path):
        return ["not executed"]
    with open(path) as f:
        notebook = json.load(f)
    return [o.get("ename", "?") for c in notebook["cells"] for o in c.get("outputs", [])
            if o.get("output_type") == "error"]


def fmt(value, unit):
    if value is None:
        return "—"
    if unit == "MB":
        return "%.1f MB" % (value / 1e6)
    if unit == "B/node":
        return "%.0f B/node" % value
    if unit == "ns/op":
        return "%.1f ns/op" % value if value < 1000 else "{:,.0f} ns/op".format(value)
    if unit == "µs/step":
        return "%.2f µs/step" % value
    if unit == "ms":
        return "%.1f ms" % value if value < 1000 else "{:,.0f} ms".format(value)
    return "%g %s" % (value, unit)


def main(folder):
    rows = []
    notes = []

    def compare(workload, measure, unit, ours, theirs_label, theirs, goal=None):
        if ours is None or theirs is None:
            rows.append([workload, measure, fmt(ours, unit), theirs_label, fmt(theirs, unit), "—",
                         goal and "≥ %d×" % goal or "", "not measured"])
            return
        ratio = theirs / ours if ours > 0 else float("inf")
        met = "" if goal is None else ("yes" if ratio >= goal else "NO")
        rows.append([workload, measure, fmt(ours, unit), theirs_label, fmt(theirs, unit),
                     "%.1f×" % ratio if ratio < 100 else "{:,.0f}×".format(ratio),
                     "" if goal is None else "≥ %d×" % goal, met])

    def inner(name):
        m = load(folder, name)
        if m is None:
            return None, None
        w = m.get("inner")
        if w is None:
            notes.append("%s did not print its result (exit %s): %s" % (name, m["exit_status"], m["last_line"]))
        elif not w.get("correct"):
            notes.append("%s computed a WRONG result: %s" % (name, w.get("result")))
        return m, w

    def per_op(w):
        return None if w is None else w["cpu_seconds"] / w["operations"] * 1e9

    def rss(m):
        return None if m is None else m["peak_rss_bytes"]

    ce_m, ce = inner("chain-engine")
    cl_m, cl = inner("chain-language")
    ct_m, ct = inner("chain-torch")
    cm_m, cm = inner("chain-micrograd")
    n = ce["operations"] if ce else "?"
    npy = ct["operations"] if ct else "?"
    chain = "scalar chain y = y·c, fwd+bwd"
    torch_label = "PyTorch eager (%s nodes)" % format(npy, ",") if ct else "PyTorch eager"
    micro_label = "micrograd (%s nodes)" % format(cm["operations"], ",") if cm else "micrograd"
    compare(chain + ", engine API (%s nodes)" % format(n, ","), "CPU per op", "ns/op", per_op(ce),
            torch_label, per_op(ct), 80)
    compare(chain + ", language (%s nodes)" % format(cl["operations"] if cl else "?", ","), "CPU per op",
            "ns/op", per_op(cl), torch_label, per_op(ct), 80)
    compare(chain + ", engine API", "CPU per op", "ns/op", per_op(ce), micro_label, per_op(cm))
    compare(chain + ", language", "CPU per op", "ns/op", per_op(cl), micro_label, per_op(cm))
    compare(chain + ", engine API", "memory per node", "B/node", ce and ce["bytes_per_operation"],
            torch_label, ct and ct["bytes_per_operation"], 25)
    compare(chain + ", language", "memory per node", "B/node", cl and cl["bytes_per_operation"],
            torch_label, ct and ct["bytes_per_operation"], 25)
    compare(chain + ", language", "memory per node", "B/node", cl and cl["bytes_per_operation"],
            micro_label, cm and cm["bytes_per_operation"])
    if ce and ct and ce["operations"] == ct["operations"]:  # whole processes compare at equal sizes only
        compare(chain + ", engine API, whole process", "peak memory", "MB", rss(ce_m), torch_label, rss(ct_m), 25)
        compare(chain + ", language, whole process", "peak memory", "MB", rss(cl_m), torch_label, rss(ct_m), 25)

    s_m, s = inner("seed000-language")
    st_m, st = inner("seed000-torch")
    sm_m, sm = inner("seed000-micrograd")
    seed = "seed 000 loop, 3000 SGD steps"

    def per_step(w):
        return None if w is None else w["cpu_seconds"] / w["operations"] * 1e6

    compare(seed + ", language", "CPU per step", "µs/step", per_step(s), "PyTorch eager", per_step(st), 80)
    compare(seed + ", language", "CPU per step", "µs/step", per_step(s), "micrograd", per_step(sm))
    compare(seed + ", whole process", "peak memory", "MB", rss(s_m), "PyTorch eager", rss(st_m), 25)
    compare(seed + ", whole process", "peak memory", "MB", rss(s_m), "micrograd", rss(sm_m))

    g = load(folder, "gradbook-check")
    j = load(folder, "jupyter")
    lessons = "seed lessons: gradbook check notebooks/ vs nbconvert --execute seeds.ipynb"
    compare(lessons, "wall time", "ms", g and g["wall_seconds"] * 1e3, "Jupyter + PyTorch",
            j and j["wall_seconds"] * 1e3, 200)
    compare(lessons, "CPU time", "ms", g and g["cpu_seconds"] * 1e3, "Jupyter + PyTorch",
            j and j["cpu_seconds"] * 1e3, 200)
    compare(lessons, "peak memory", "MB", rss(g), "Jupyter + PyTorch (largest process)", rss(j), 25)
    kernel = kernel_stats(folder)
    if kernel:
        compare(lessons, "wall time", "ms", g and g["wall_seconds"] * 1e3,
                "kernel only, first cell to last (import torch + the seeds)", kernel["kernel_seconds"] * 1e3)
        compare(lessons, "wall time", "ms", g and g["wall_seconds"] * 1e3,
                "the seeds' cells alone (kernel time − import torch)",
                (kernel["kernel_seconds"] - kernel["import_torch_seconds"]) * 1e3)
        compare(lessons, "peak memory", "MB", rss(g), "kernel process only", kernel["kernel_peak_rss_bytes"])
    if g and g["exit_status"] != 0:
        notes.append("gradbook check exited %s: %s" % (g["exit_status"], g["last_line"]))
    if j and j["exit_status"] != 0:
        notes.append("jupyter nbconvert exited %s: %s" % (j["exit_status"], j["last_line"]))
    errors = notebook_errors(folder)
    if errors:
        notes.append("seeds.ipynb cells failed: %s" % ", ".join(errors))

    header = ["workload", "measure", "gradbook", "alternative", "alternative's", "ratio", "goal", "met"]
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(str(c).ljust(widths[i]) for i, c in enumerate(r)) + " |"
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))
    print()
    print("ratio = alternative / gradbook (times faster, or times less memory). Per-op and per-step")
    print("times: best-of-rounds CPU time of the process; whole runs: best wall and CPU over rounds;")
    print("peak memory: ru_maxrss of the process (for Jupyter, the largest process of the tree).")
    if kernel and j:
        print("Jupyter's %.1f s (last round for the kernel's part): kernel from first cell to last %.2f s, of which"
              " import torch %.2f s; slowest cells: %s." % (
                  j["wall_seconds"], kernel["kernel_seconds"], kernel["import_torch_seconds"],
                  "; ".join("%.2f s `%s…`" % (t, src[:64]) for t, src in slowest_cells(folder))))
    results = {name: load(folder, name) for name in ["chain-engine", "chain-language", "chain-torch",
                                                     "chain-micrograd", "seed000-language", "seed000-torch",
                                                     "seed000-micrograd"]}
    print("results: " + "; ".join("%s %s" % (k, v["inner"]["result"]) for k, v in results.items()
                                  if v and v.get("inner")))
    for note in notes:
        print("NOTE: " + note)
    return 1 if notes else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
