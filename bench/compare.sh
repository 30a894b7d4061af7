#!/usr/bin/env bash
# gradbook side by side with PyTorch eager, micrograd and Jupyter (issue 7).
#
#   bench/compare.sh
#
# Environment:
#   PYTHON          a Python with torch, micrograd, jupyter, nbconvert and ipykernel
#                   (default /opt/torchenv/bin/python when it exists, else python3)
#   CHAIN_NODES     nodes of gradbook's scalar chain (default 1000000)
#   CHAIN_NODES_PY  nodes of PyTorch's and micrograd's chain (default 100000; their cost per node
#                   is flat, from 10k to 300k nodes measured, so the per-op numbers compare; 1M
#                   PyTorch nodes take ~1 GB and minutes on a loaded machine)
#   ROUNDS          rounds of the whole-lesson runs (default 3; the best is kept)
#   NOTEBOOKS       the lessons gradbook checks (default notebooks/)
#
# Builds gradbook and gradbook-bench in release mode (.build-release), runs every workload in a
# process of its own under bench/measure.py (wall, CPU and peak memory from wait4), and prints one
# table with the ratios. Raw JSON stays in the results folder it names at the end.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [[ -z "${PYTHON:-}" ]]; then
    if [[ -x /opt/torchenv/bin/python ]]; then PYTHON=/opt/torchenv/bin/python; else PYTHON=python3; fi
fi
CHAIN_NODES=${CHAIN_NODES:-1000000}
CHAIN_NODES_PY=${CHAIN_NODES_PY:-100000}
ROUNDS=${ROUNDS:-3}
NOTEBOOKS=${NOTEBOOKS:-$ROOT/notebooks}

if ! "$PYTHON" -c "import torch, micrograd, nbconvert, ipykernel, jupyter_core" 2>/dev/null; then
    cat >&2 <<HELP
bench/compare.sh needs a Python with torch, micrograd, jupyter, nbconvert and ipykernel;
$PYTHON lacks some of them. Make one with pip and point PYTHON at it:

    python3 -m venv ~/gradbook-bench-venv
    ~/gradbook-bench-venv/bin/pip install torch micrograd jupyter nbconvert ipykernel
    PYTHON=~/gradbook-bench-venv/bin/python bench/compare.sh
HELP
    exit 2
fi
JUPYTER=("$(dirname "$PYTHON")/jupyter" nbconvert)
[[ -x "${JUPYTER[0]}" ]] || JUPYTER=("$PYTHON" -m nbconvert)

echo "building gradbook and gradbook-bench (release, .build-release)..." >&2
SCRATCH=(-c release --scratch-path "$ROOT/.build-release" --package-path "$ROOT")
swift build "${SCRATCH[@]}" --product gradbook-bench >&2
swift build "${SCRATCH[@]}" --product gradbook >&2
BIN=$(swift build "${SCRATCH[@]}" --show-bin-path)

OUT=$(mktemp -d "${TMPDIR:-/tmp}/gradbook-compare.XXXXXX")
cp -R "$NOTEBOOKS" "$OUT/notebooks"
"$BIN/gradbook" run --quiet "$OUT/notebooks" >&2  # render the copy, so that check has nothing stale

measure() {  # measure NAME ROUNDS COMMAND...
    local name=$1 rounds=$2
    shift 2
    echo "running $name..." >&2
    "$PYTHON" "$ROOT/bench/measure.py" --rounds "$rounds" -- "$@" >"$OUT/$name.json"
}
measure chain-engine 1 "$BIN/gradbook-bench" workload chain-engine "$CHAIN_NODES"
measure chain-language 1 "$BIN/gradbook-bench" workload chain-language "$CHAIN_NODES"
measure chain-torch 1 "$PYTHON" "$ROOT/bench/workloads.py" torch-chain "$CHAIN_NODES_PY"
measure chain-micrograd 1 "$PYTHON" "$ROOT/bench/workloads.py" micrograd-chain "$CHAIN_NODES_PY"
measure seed000-language 1 "$BIN/gradbook-bench" workload seed000
measure seed000-torch 1 "$PYTHON" "$ROOT/bench/workloads.py" torch-seed000
measure seed000-micrograd 1 "$PYTHON" "$ROOT/bench/workloads.py" micrograd-seed000
measure gradbook-check "$ROUNDS" "$BIN/gradbook" check --quiet "$OUT/notebooks"
measure jupyter "$ROUNDS" "${JUPYTER[@]}" --to notebook --execute "$ROOT/bench/seeds.ipynb" \
    --output-dir "$OUT" --output seeds.executed.ipynb

echo
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')," \
    "$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1e6}' /proc/meminfo); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); $("$PYTHON" -c 'import sys, torch; print("Python", sys.version.split()[0], "torch", torch.__version__)')"
echo
status=0
"$PYTHON" "$ROOT/bench/table.py" "$OUT" || status=$?
echo "raw results: $OUT"
exit $status
