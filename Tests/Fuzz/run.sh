#!/usr/bin/env bash
# Builds and runs gradbook's libFuzzer targets (issue 7, hardening).
#
#   Tests/Fuzz/run.sh                      build, then run every target for $FUZZ_RUNS executions
#   Tests/Fuzz/run.sh build                build only
#   Tests/Fuzz/run.sh run TARGET [ARGS]    run one target (language, lesson); ARGS go to libFuzzer
#   Tests/Fuzz/run.sh repro TARGET FILE    run one input once (a crash artifact, a corpus file)
#
# Environment:
#   FUZZ_SANITIZE  fuzzer,address (default) or fuzzer (no ASan: 2-3x faster, for long runs);
#                  each has its own build under .build-fuzz/
#   FUZZ_RUNS      executions per target (default 100000; -1 runs until stopped)
#   FUZZ_SECONDS   a time limit instead
#   FUZZ_JOBS      libFuzzer -fork=N: findings are recorded and the run goes on (default 0: one
#                  process that stops at the first finding; fork mode is slow for these targets)
#   FUZZ_NICE      niceness of the fuzzer (default 19)
#   ASAN_OPTIONS=malloc_context_size=0 makes the ASan build about a quarter faster.
# Working corpus and findings: .build-fuzz/corpus/TARGET, .build-fuzz/artifacts/TARGET.
#
# How it builds: SwiftPM compiles the library targets once, in release, with
# `-sanitize=fuzzer,address -enable-testing` into a scratch path `.build-fuzz` (the
# package and its normal `.build` are untouched). `-sanitize=fuzzer` on a compile-only step only
# instruments (coverage + comparison tracing); each target is then one Swift file, compiled with
# swiftc against the built modules and linked with their object files and libFuzzer's main.
#
# Limits used for every run: -timeout=5 (a hang), -rss_limit_mb=2048, -max_len=4096; leaks are
# detected by LeakSanitizer (ASan's default on Linux).
set -euo pipefail
# The Swift runtime's own crash backtracer fights with ASan and libFuzzer (it hangs); libFuzzer reports.
export SWIFT_BACKTRACE=enable=no

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
sanitize="${FUZZ_SANITIZE:-fuzzer,address}"
work="$root/.build-fuzz"
scratch="$work/${sanitize//,/-}"
build="$scratch/release"
targets=(language lesson)

# One `-sanitize=` flag with both sanitizers: given as two flags, the last one wins and the
# coverage instrumentation of `fuzzer` is silently dropped.
swift_flags=(-Xswiftc "-sanitize=$sanitize" -Xswiftc -enable-testing)

modules_of() {
    case "$1" in
    language) echo "Autodiff GraphLanguage Report Lesson" ;;
    lesson) echo "Lesson" ;;
    *) echo "unknown target $1 (known: ${targets[*]})" >&2; exit 2 ;;
    esac
}

source_of() {
    case "$1" in
    language) echo "$here/LanguageFuzz/LanguageFuzz.swift" ;;
    lesson) echo "$here/LessonFuzz/LessonFuzz.swift" ;;
    esac
}

build_all() {
    cd "$root"
    # Report pulls in GraphLanguage and Autodiff; Lesson pulls in CCmark.
    for target in Report Lesson; do
        swift build -c release --scratch-path "$scratch" --target "$target" "${swift_flags[@]}"
    done
    local cmark_flags
    cmark_flags="$(pkg-config --cflags-only-I libcmark 2>/dev/null || true)"
    for target in "${targets[@]}"; do
        local objects=()
        for module in $(modules_of "$target"); do
            objects+=("$build/$module.build"/*.o)
        done
        echo "linking $scratch/$target-fuzz"
        # shellcheck disable=SC2086
        swiftc -O -parse-as-library "-sanitize=$sanitize" -module-name "${target^}Fuzz" \
            -I "$build/Modules" -Xcc "-fmodule-map-file=$root/Sources/CCmark/module.modulemap" $cmark_flags \
            "$(source_of "$target")" "${objects[@]}" -lcmark -o "$scratch/$target-fuzz" 2>&1 |
            grep -v "Cannot export local symbol '__asan" || true
        test -x "$scratch/$target-fuzz"
    done
}

run_one() {
    local target="$1"
    shift
    local corpus="$work/corpus/$target"
    local artifacts="$work/artifacts/$target"
    mkdir -p "$corpus" "$artifacts"
    local limit=(-runs="${FUZZ_RUNS:-100000}")
    if [[ -n "${FUZZ_SECONDS:-}" ]]; then limit=(-max_total_time="$FUZZ_SECONDS"); fi
    local dict=()
    if [[ -f "$here/$target.dict" ]]; then dict=(-dict="$here/$target.dict"); fi
    local fork=()
    if [[ "${FUZZ_JOBS:-0}" != 0 ]]; then
        fork=(-fork="$FUZZ_JOBS" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
    fi
    echo "== $target: ${limit[*]} (corpus $corpus, seeds $here/corpus/$target, findings $artifacts/)"
    # nice: fuzzing is background work on a machine shared with builds.
    nice -n "${FUZZ_NICE:-19}" "$scratch/$target-fuzz" "$corpus" "$here/corpus/$target" "${dict[@]}" "${fork[@]}" "${limit[@]}" \
        -timeout=5 -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 -artifact_prefix="$artifacts/" "$@"
}

case "${1:-all}" in
build) build_all ;;
run)
    shift
    run_one "$@"
    ;;
repro)
    "$scratch/$2-fuzz" -timeout=5 -rss_limit_mb=2048 -runs=1 "$3"
    ;;
all)
    build_all
    for target in "${targets[@]}"; do run_one "$target"; done
    ;;
*)
    sed -n '2,20p' "$0"
    exit 2
    ;;
esac
