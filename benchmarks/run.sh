#!/usr/bin/env bash
# Builds the benchmarks module, runs every JMH benchmark and the memory footprint measurement,
# and renders docs/benchmarks.md from the results.
#
# Usage: benchmarks/run.sh [options] [-- extra JMH arguments]
#
# When redis-server and redis-benchmark are installed, a throw-away redis-server is started on a
# free loopback port for the Redis store rows, next to redis-benchmark running the store's own
# EVALSHA, and PING, on the same server.
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
# benchmarks/target/results/. With the defaults a run takes about 15 minutes on 2 cores; run it
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
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
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
redis_port_property="benchmarks.redis.port"
redis_requests="${REDIS_BENCHMARK_REQUESTS:-100000}"
redis_pid=""

# Starts a throw-away redis-server on a free loopback port; it is stopped when this script ends.
start_redis() {
    redis_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
        > "$results/redis-server.log" 2>&1 &
    redis_pid=$!
    trap 'kill "$redis_pid" 2>/dev/null || true' EXIT
    for _ in $(seq 50); do
        redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "run.sh: redis-server did not start on port $redis_port" >&2
    exit 1
}

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

redis_args=(-e '\.redis\.')
rm -f "$results"/redis-*.csv "$results/round-trips.json" "$results/evalsha.txt"
if command -v redis-server >/dev/null && command -v redis-benchmark >/dev/null; then
    start_redis
    redis_args=(-jvmArgsAppend "-D${redis_port_property}=$redis_port")
    echo "Measuring the store's round trips per decision, then redis-benchmark..."
    "$java" "-D${redis_port_property}=$redis_port" -cp "$jar" \
        dev.resilience.benchmarks.redis.RedisRoundTrips "$results/round-trips.json" "$results/evalsha.txt"
    # The store's own script call (now loaded in Redis) over 1,000 random keys, and PING.
    read -r -a evalsha < "$results/evalsha.txt"
    for callers in 1 8 64; do
        redis-benchmark -h 127.0.0.1 -p "$redis_port" -c "$callers" -n "$redis_requests" -t ping --csv \
            > "$results/redis-benchmark-c$callers.csv"
        redis-benchmark -h 127.0.0.1 -p "$redis_port" -c "$callers" -n "$redis_requests" -r 1000 --csv \
            "${evalsha[@]}" > "$results/redis-evalsha-c$callers.csv"
    done
else
    echo "redis-server or redis-benchmark not found: the Redis store is not measured" >&2
fi

echo "Running JMH (log: $results/jmh.log)..."
# JMH takes a machine-wide lock file by default; ignoring it lets other JMH runs coexist.
"$java" -Djmh.ignoreLock=true -jar "$jar" "$include" \
    -f "$forks" -wi "$warmup_iterations" -w "$warmup_time" \
    -i "$iterations" -r "$time_per_iteration" "${redis_args[@]}" \
    -prof gc -rf json -rff "$results/jmh.json" "$@" | tee "$results/jmh.log"

finished="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

python3 benchmarks/render.py \
    --jmh "$results/jmh.json" \
    --memory "$results/memory.json" \
    --redis "$results" \
    --out "$doc" \
    --command "$invocation" \
    --load "$load_before before, $load_after after" \
    --started "$started" \
    --finished "$finished"
echo "Wrote $doc"
