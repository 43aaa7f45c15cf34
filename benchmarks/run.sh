#!/usr/bin/env bash
# Builds the benchmarks module, runs every JMH benchmark and the memory footprint measurement,
# and renders docs/benchmarks.md from the results.
#
# Usage: benchmarks/run.sh [options] [-- extra JMH arguments]
#
#   -f N        forks per benchmark               (env JMH_FORKS, default 2)
#   -wi N       warm-up iterations                (env JMH_WARMUP_ITERATIONS, default 3)
#   -w TIME     warm-up iteration time            (env JMH_WARMUP_TIME, default 1s)
#   -i N        measured iterations               (env JMH_ITERATIONS, default 3)
#   -r TIME     measured iteration time           (env JMH_TIME, default 2s)
#   -b REGEX    benchmarks to run                 (env JMH_INCLUDE, default all)
#   -o FILE     the document to write             (env BENCHMARKS_DOC, default docs/benchmarks.md)
#   --no-build  reuse benchmarks/target/benchmarks.jar
#
# The JVM is the first `java` on the PATH unless JAVA names another. Raw results are kept in
# benchmarks/target/results/. With the defaults a run takes about 13 minutes on 2 cores; run it
# on a quiet machine, since anything else running skews every number.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

forks="${JMH_FORKS:-2}"
warmup_iterations="${JMH_WARMUP_ITERATIONS:-3}"
warmup_time="${JMH_WARMUP_TIME:-1s}"
iterations="${JMH_ITERATIONS:-3}"
time_per_iteration="${JMH_TIME:-2s}"
include="${JMH_INCLUDE:-dev.resilience.benchmarks}"
doc="${BENCHMARKS_DOC:-docs/benchmarks.md}"
java="${JAVA:-java}"
build=true
invocation="benchmarks/run.sh $*"

usage() {
    sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
    exit "${1:-0}"
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        -f) forks="$2"; shift 2 ;;
        -wi) warmup_iterations="$2"; shift 2 ;;
        -w) warmup_time="$2"; shift 2 ;;
        -i) iterations="$2"; shift 2 ;;
        -r) time_per_iteration="$2"; shift 2 ;;
        -b) include="$2"; shift 2 ;;
        -o) doc="$2"; shift 2 ;;
        --no-build) build=false; shift ;;
        -h|--help) usage 0 ;;
        --) shift; break ;;
        *) echo "run.sh: unknown option '$1'" >&2; usage 2 ;;
    esac
done

jar="benchmarks/target/benchmarks.jar"
results="benchmarks/target/results"

if [[ "$build" == true ]]; then
    echo "Building the benchmarks jar..."
    ./mvnw -q -Pbenchmarks -pl benchmarks -am package -DskipTests
fi
if [[ ! -f "$jar" ]]; then
    echo "run.sh: $jar is missing; run without --no-build" >&2
    exit 1
fi
mkdir -p "$results"

load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
started="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"

echo "Measuring the heap footprint..."
"$java" -XX:+UseSerialGC -Xmx1g -cp "$jar" dev.resilience.benchmarks.memory.MemoryFootprint \
    "$results/memory.json"

echo "Running JMH (log: $results/jmh.log)..."
# JMH takes a machine-wide lock file by default; ignoring it lets other JMH runs coexist.
"$java" -Djmh.ignoreLock=true -jar "$jar" "$include" \
    -f "$forks" -wi "$warmup_iterations" -w "$warmup_time" \
    -i "$iterations" -r "$time_per_iteration" \
    -prof gc -rf json -rff "$results/jmh.json" "$@" | tee "$results/jmh.log"

finished="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

python3 benchmarks/render.py \
    --jmh "$results/jmh.json" \
    --memory "$results/memory.json" \
    --out "$doc" \
    --command "$invocation" \
    --load "$load_before before, $load_after after" \
    --started "$started" \
    --finished "$finished"
echo "Wrote $doc"
