#!/usr/bin/env python3
"""Renders docs/benchmarks.md from a JMH JSON result file and the memory footprint JSON.

Uses only the Python standard library. Every number in the document comes from the two input
files or from the machine the script runs on; the prose per benchmark comes from notes.md
beside this script.
"""

import argparse
import csv
import json
import os
import platform
import re
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "dev.resilience.benchmarks."

LIBRARIES = ("ours", "resilience4j", "bucket4j", "floor")


@dataclass(frozen=True)
class Row:
    """One line of the timing table: which JMH method fills which library's column."""

    key: str
    label: str
    threads: int
    benchmark: str  # class name relative to PACKAGE
    methods: dict  # library -> method of `benchmark`, or Class.method relative to PACKAGE
    floor_label: str


ROWS = [
    Row("limiter-permitted-1", "Limiter, permitted, one key", 1,
        "ratelimit.LimiterPermittedOneThreadBenchmark",
        {"ours": "ours", "resilience4j": "resilience4j", "bucket4j": "bucket4j", "floor": "floor"},
        "clock read + CAS"),
    Row("limiter-permitted-2", "Limiter, permitted, one key", 2,
        "ratelimit.LimiterPermittedTwoThreadsBenchmark",
        {"ours": "ours", "resilience4j": "resilience4j", "bucket4j": "bucket4j", "floor": "floor"},
        "clock read + CAS"),
    Row("limiter-permitted-boolean-1", "Limiter, permitted, one key, boolean answer", 1,
        "ratelimit.LimiterPermittedOneThreadBenchmark",
        {"ours": "oursBoolean", "resilience4j": "resilience4j", "bucket4j": "bucket4j",
         "floor": "floor"},
        "clock read + CAS"),
    Row("limiter-permitted-boolean-2", "Limiter, permitted, one key, boolean answer", 2,
        "ratelimit.LimiterPermittedTwoThreadsBenchmark",
        {"ours": "oursBoolean", "resilience4j": "resilience4j", "bucket4j": "bucket4j",
         "floor": "floor"},
        "clock read + CAS"),
    Row("limiter-rejected", "Limiter, rejected", 1,
        "ratelimit.LimiterRejectedBenchmark",
        {"ours": "ours", "resilience4j": "resilience4j", "bucket4j": "bucket4j", "floor": "floor"},
        "clock read + volatile read"),
    Row("limiter-rejected-boolean", "Limiter, rejected, boolean answer", 1,
        "ratelimit.LimiterRejectedBenchmark",
        {"ours": "oursBoolean", "resilience4j": "resilience4j", "bucket4j": "bucket4j",
         "floor": "floor"},
        "clock read + volatile read"),
    Row("limiter-keyed", "Limiter, 100,000 random keys", 1,
        "ratelimit.KeyedLimiterBenchmark",
        {"ours": "ours", "resilience4j": "resilience4j", "bucket4j": "bucket4j", "floor": "floor"},
        "map lookup + clock read + CAS"),
    Row("breaker-closed-1", "Breaker, closed, slow-call detection off", 1,
        "circuitbreaker.BreakerClosedOneThreadBenchmark",
        {"ours": "ours", "resilience4j": "resilience4j", "floor": "floor"},
        "call + CAS"),
    Row("breaker-closed-2", "Breaker, closed, slow-call detection off", 2,
        "circuitbreaker.BreakerClosedTwoThreadsBenchmark",
        {"ours": "ours", "resilience4j": "resilience4j", "floor": "floor"},
        "call + CAS"),
    Row("breaker-closed-slow-1", "Breaker, closed, slow-call detection on", 1,
        "circuitbreaker.BreakerClosedOneThreadBenchmark",
        {"ours": "oursSlowCalls", "resilience4j": "resilience4j", "floor": "floorWithClock"},
        "2 clock reads + call + CAS"),
    Row("breaker-closed-slow-2", "Breaker, closed, slow-call detection on", 2,
        "circuitbreaker.BreakerClosedTwoThreadsBenchmark",
        {"ours": "oursSlowCalls", "resilience4j": "resilience4j", "floor": "floorWithClock"},
        "2 clock reads + call + CAS"),
    Row("breaker-open", "Breaker, open (rejection thrown and caught)", 1,
        "circuitbreaker.BreakerOpenBenchmark",
        {"ours": "ours", "resilience4j": "resilience4j", "floor": "floor"},
        "flag check + preallocated throw"),
    Row("annotated", "Annotated bean call (rate limit + breaker)", 1,
        "spring.AnnotatedCallBenchmark",
        {"ours": "spring.AnnotatedOursCallBenchmark.ours", "resilience4j": "resilience4j",
         "floor": "noOpAspect"},
        "no-op @Around aspect"),
]

FLOOR_PARTS = [
    ("plainCall", "a method call (not inlined)"),
    ("nanoTime", "one System.nanoTime()"),
    ("cas", "one compare-and-set"),
    ("nanoTimeAndCas", "one clock read + one compare-and-set"),
]


@dataclass(frozen=True)
class Score:
    value: float
    error: float
    unit: str
    alloc: float  # bytes per operation, or None without the gc profiler


def load_scores(path):
    scores = {}
    runs = json.loads(Path(path).read_text())
    for run in runs:
        name = run["benchmark"]
        if name.startswith(PACKAGE):
            name = name[len(PACKAGE):]
        metric = run["primaryMetric"]
        alloc = None
        for secondary, value in run.get("secondaryMetrics", {}).items():
            if secondary.endswith("gc.alloc.rate.norm"):
                alloc = value["score"]
        error = metric.get("scoreError")
        error = float(error) if isinstance(error, (int, float)) else float("nan")
        scores[name] = Score(float(metric["score"]), error, metric["scoreUnit"], alloc)
    return runs, scores


def load_memory(path):
    if not path or not Path(path).exists():
        return {}
    return {item["name"]: item for item in json.loads(Path(path).read_text())}


REDIS_CALLERS = {1: "RedisStoreOneCallerBenchmark", 8: "RedisStoreEightCallersBenchmark",
                 64: "RedisStoreSixtyFourCallersBenchmark"}


def load_redis(directory):
    """Reads redis-benchmark's PING and EVALSHA rates per number of callers, and round trips."""
    ping, evalsha, round_trips = {}, {}, None
    if not directory or not Path(directory).is_dir():
        return ping, evalsha, round_trips
    for callers in REDIS_CALLERS:
        for rates, name, test in ((ping, "benchmark", "PING"), (evalsha, "evalsha", "EVALSHA")):
            path = Path(directory, f"redis-{name}-c{callers}.csv")
            if path.exists():
                found = [float(row[1]) for row in csv.reader(path.read_text().splitlines())
                         if row and row[0].startswith(test)]
                if found:
                    rates[callers] = max(found)
    path = Path(directory, "round-trips.json")
    if path.exists():
        round_trips = json.loads(path.read_text())["roundTripsPerDecision"]
    return ping, evalsha, round_trips


def load_notes(path):
    """Reads notes.md: a '### key' line starts the note for that row key."""
    notes, key, lines = {}, None, []
    if not Path(path).exists():
        return notes
    for line in Path(path).read_text().splitlines():
        match = re.match(r"^### (\S+)\s*$", line)
        if match:
            if key:
                notes[key] = "\n".join(lines).strip()
            key, lines = match.group(1), []
        elif key:
            lines.append(line)
    if key:
        notes[key] = "\n".join(lines).strip()
    return notes


def score_of(scores, row, library):
    method = row.methods.get(library)
    if method is None:
        return None
    return scores.get(method if "." in method else f"{row.benchmark}.{method}")


def fmt_score(score):
    if score is None:
        return "n/a"
    text = f"{score.value:,.1f}"
    if score.error == score.error:  # not NaN: JMH gives an error only with several iterations
        text += f" ± {score.error:,.1f}"
    if score.alloc is not None:
        text += f" ({score.alloc:,.0f} B)"
    return text


def machine():
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cpu, cores, memory


class Targets:
    """Collects the target checks: each a ratio, its limit, and whether it holds."""

    def __init__(self):
        self.lines = []

    def ratio(self, label, numerator, denominator, limit, missing=None):
        if numerator is None or denominator is None or denominator <= 0:
            reason = missing or "not measured"
            self.lines.append((label, "not measured", f"≤ {limit:.2f}", reason))
            return None
        value = numerator / denominator
        verdict = "pass" if value <= limit else "**FAIL**"
        self.lines.append((label, f"{value:.3f}", f"≤ {limit:.2f}", verdict))
        return value

    def at_least(self, label, numerator, denominator, limit, missing):
        if numerator is None or denominator is None or denominator <= 0:
            self.lines.append((label, "not measured", f"≥ {limit:.2f}", missing))
            return
        value = numerator / denominator
        verdict = "pass" if value >= limit else "**FAIL**"
        self.lines.append((label, f"{value:.3f}", f"≥ {limit:.2f}", verdict))

    def exactly_one(self, label, measured, missing):
        if measured is None:
            self.lines.append((label, "not measured", "= 1", missing))
            return
        verdict = "pass" if abs(measured - 1.0) < 0.005 else "**FAIL**"
        self.lines.append((label, f"{measured:.3f}", "= 1", verdict))

    def absent(self, label, limit, reason):
        self.lines.append((label, "not measured", limit, reason))


def value(score):
    return score.value if score is not None else None


def redis_rate(scores, callers):
    score = scores.get(f"redis.{REDIS_CALLERS[callers]}.ours")
    return score.value if score is not None else None


def targets(scores, memory, evalsha, round_trips):
    t = Targets()
    by_key = {row.key: row for row in ROWS}

    def s(key, library):
        return value(score_of(scores, by_key[key], library))

    def best_peer(key):
        peers = [v for v in (s(key, "resilience4j"), s(key, "bucket4j")) if v is not None]
        return min(peers) if peers else None

    # The boolean answer is the like-for-like comparison: both peers answer with a boolean too.
    one = t.ratio("Limiter permitted, 1 thread, boolean: ours / faster peer",
                  s("limiter-permitted-boolean-1", "ours"),
                  best_peer("limiter-permitted-boolean-1"), 1.0)
    t.ratio("Limiter permitted, 1 thread, boolean: ours / (clock read + CAS)",
            s("limiter-permitted-boolean-1", "ours"),
            s("limiter-permitted-boolean-1", "floor"), 1.15)
    two = t.ratio("Limiter permitted, 2 threads, boolean: ours / faster peer",
                  s("limiter-permitted-boolean-2", "ours"),
                  best_peer("limiter-permitted-boolean-2"), 1.0)
    if one is not None and two is not None:
        t.ratio("Limiter permitted: 2-thread peer ratio / 1-thread peer ratio", two, one, 1.0)
    t.ratio("Limiter rejected, boolean: ours rejected / ours permitted (1 thread)",
            s("limiter-rejected-boolean", "ours"), s("limiter-permitted-boolean-1", "ours"), 1.0)
    t.ratio("Limiter rejected, boolean: ours / Resilience4j",
            s("limiter-rejected-boolean", "ours"),
            s("limiter-rejected-boolean", "resilience4j"), 0.4)
    t.ratio("Limiter rejected, with Decision: ours / Resilience4j",
            s("limiter-rejected", "ours"), s("limiter-rejected", "resilience4j"), 0.4)
    t.ratio("Limiter, 100,000 random keys: ours / Bucket4j in a ConcurrentHashMap",
            s("limiter-keyed", "ours"), s("limiter-keyed", "bucket4j"), 0.8)
    one = t.ratio("Breaker closed, slow calls off, 1 thread: ours / Resilience4j",
                  s("breaker-closed-1", "ours"), s("breaker-closed-1", "resilience4j"), 0.3)
    two = t.ratio("Breaker closed, slow calls off, 2 threads: ours / Resilience4j",
                  s("breaker-closed-2", "ours"), s("breaker-closed-2", "resilience4j"), 0.3)
    if one is not None and two is not None:
        t.ratio("Breaker closed, slow calls off: 2-thread ratio / 1-thread ratio", two, one, 1.0)
    one = t.ratio("Breaker closed, slow calls on, 1 thread: ours / Resilience4j",
                  s("breaker-closed-slow-1", "ours"),
                  s("breaker-closed-slow-1", "resilience4j"), 1.0)
    two = t.ratio("Breaker closed, slow calls on, 2 threads: ours / Resilience4j",
                  s("breaker-closed-slow-2", "ours"),
                  s("breaker-closed-slow-2", "resilience4j"), 1.0)
    if one is not None and two is not None:
        t.ratio("Breaker closed, slow calls on: 2-thread ratio / 1-thread ratio", two, one, 1.0)
    t.ratio("Breaker open: ours / Resilience4j (defaults)",
            s("breaker-open", "ours"), s("breaker-open", "resilience4j"), 0.1)

    t.ratio("Memory: limiter state per live key, ours / Bucket4j bucket",
            key_state(memory, "oursKeyed"), key_state(memory, "bucket4jKeyed"), 0.25)
    t.ratio("Memory: one breaker, 100-call window, ours / Resilience4j",
            bytes_per_item(memory, "oursBreaker"),
            bytes_per_item(memory, "resilience4jBreaker"), 0.25)
    t.ratio("Annotated call: ours / no-op @Around aspect",
            s("annotated", "ours"), s("annotated", "floor"), 1.5,
            missing="not measured: the starter's annotations are not in this build")
    no_redis = "not measured: no redis-server and redis-benchmark on this machine"
    t.exactly_one("Redis store: round trips per decision", round_trips, no_redis)
    t.at_least("Redis store, 64 callers: ours / redis-benchmark rate of the same EVALSHA",
               redis_rate(scores, 64), evalsha.get(64), 0.7, no_redis)
    return t.lines


def bytes_per_item(memory, name):
    item = memory.get(name)
    return item["bytesPerItem"] if item else None


def key_state(memory, name):
    """Bytes per live key beyond the map entry that every keyed structure pays."""
    total, entry = bytes_per_item(memory, name), bytes_per_item(memory, "mapEntry")
    return total - entry if total is not None and entry is not None else None


def render(args):
    runs, scores = load_scores(args.jmh)
    memory = load_memory(args.memory)
    ping, evalsha, round_trips = load_redis(args.redis)
    notes = load_notes(args.notes)
    first = runs[0] if runs else {}
    cpu, cores, ram = machine()
    out = []
    w = out.append

    w("# Benchmarks")
    w("")
    w("This project against Resilience4j 2.4.0 and Bucket4j 8.14.0, in one JMH run on one machine.")
    w("Generated by `benchmarks/run.sh` from the JMH results; do not edit by hand.")
    w("")
    w("## How this was produced")
    w("")
    w("```")
    w(args.command)
    w("```")
    w("")
    w(f"- Machine: {cores} cores, {cpu}, {ram} memory, {platform.system()} {platform.release()}")
    w(f"- JDK: {first.get('vmName', '?')} {first.get('jdkVersion', '?')} "
      f"({first.get('vmVersion', '?')})")
    w(f"- JVM options: `{' '.join(first.get('jvmArgs', [])) or '(none)'}`")
    w(f"- JMH {first.get('jmhVersion', '?')}: mode {first.get('mode', '?')}, "
      f"{first.get('forks', '?')} fork(s), {first.get('warmupIterations', '?')} warm-up "
      f"iteration(s) of {first.get('warmupTime', '?')}, {first.get('measurementIterations', '?')} "
      f"measured iteration(s) of {first.get('measurementTime', '?')}")
    if args.load:
        w(f"- Load average (1, 5, 15 min) before and after the run: {args.load}")
    if args.started:
        w(f"- Run: {args.started} to {args.finished}")
    w("")
    w("## Time per call")
    w("")
    w("Nanoseconds per call (average time; with two threads, per call per thread), ± the 99.9%")
    w("confidence half-interval when there were enough iterations, and in parentheses the bytes")
    w("allocated per call (JMH's gc profiler). The last column says what the floor is per row.")
    w("")
    w("| benchmark | threads | ours | Resilience4j | Bucket4j | floor | floor is |")
    w("|---|---:|---:|---:|---:|---:|---|")
    for row in ROWS:
        cells = [fmt_score(score_of(scores, row, lib)) if lib in row.methods else "—"
                 for lib in LIBRARIES]
        w(f"| {row.label} | {row.threads} | " + " | ".join(cells) + f" | {row.floor_label} |")
    no_proxy = scores.get("spring.AnnotatedCallBenchmark.floor")
    w("")
    if no_proxy:
        w(f"The annotated bean's method without any proxy takes {fmt_score(no_proxy)} ns.")
        w("")
    w("The parts of the floors, one thread:")
    w("")
    w("| operation | ns per call |")
    w("|---|---:|")
    for method, label in FLOOR_PARTS:
        w(f"| {label} | {fmt_score(scores.get('FloorBenchmark.' + method))} |")
    w("")
    w("## Memory")
    w("")
    w("Heap retained after a full collection (serial collector), in bytes, measured by")
    w("`MemoryFootprint` over 100,000 keys and 1,000 breakers; key strings are not counted.")
    w("")

    def mem(name):
        return bytes_per_item(memory, name)

    def state(name):
        return key_state(memory, name)

    def fmt_mem(v):
        return f"{v:,.1f}" if v is not None else "n/a"

    entry = mem("mapEntry")

    w("| what | ours | Resilience4j | Bucket4j |")
    w("|---|---:|---:|---:|")
    w(f"| keyed limiter, per live key, map entry included | {fmt_mem(mem('oursKeyed'))} | "
      f"{fmt_mem(mem('resilience4jKeyed'))} | {fmt_mem(mem('bucket4jKeyed'))} |")
    w(f"| keyed limiter, state per live key beyond the map entry ({fmt_mem(entry)}) | "
      f"{fmt_mem(state('oursKeyed'))} | {fmt_mem(state('resilience4jKeyed'))} | "
      f"{fmt_mem(state('bucket4jKeyed'))} |")
    w(f"| one circuit breaker, 100-call window, filled | {fmt_mem(mem('oursBreaker'))} | "
      f"{fmt_mem(mem('resilience4jBreaker'))} | — |")
    w("")
    w("## Redis store")
    w("")
    w("Decisions per second of the Redis store (one limit, 1,000 keys drawn at random, every call")
    w("permitted) against a redis-server started for the run on the same machine, next to")
    w("`redis-benchmark` at the same number of connections: the store's own `EVALSHA` (same")
    w("script, arguments and 1,000 random keys) and `PING`. Rates in calls per second.")
    w("")
    w("| callers | ours | redis-benchmark EVALSHA | ours / EVALSHA | redis-benchmark PING |")
    w("|---:|---:|---:|---:|---:|")

    def rate(v):
        return f"{v:,.0f}" if v else "n/a"

    for callers in REDIS_CALLERS:
        ours, script = redis_rate(scores, callers), evalsha.get(callers)
        ratio = f"{ours / script:.3f}" if ours and script else "n/a"
        w(f"| {callers} | {rate(ours)} | {rate(script)} | {ratio} | {rate(ping.get(callers))} |")
    w("")
    trips = f"{round_trips:.3f}" if round_trips is not None else "n/a"
    w(f"Round trips to Redis per decision, counted on the client: {trips}.")
    w("")
    w("## Targets")
    w("")
    w("Ratios of the numbers above, each against the target set for this project.")
    w("")
    w("| target | measured | limit | result |")
    w("|---|---:|---:|---|")
    for label, measured, limit, verdict in targets(scores, memory, evalsha, round_trips):
        w(f"| {label} | {measured} | {limit} | {verdict} |")
    w("")
    w("## Notes")
    w("")
    for key, note in notes.items():
        w(note)
        w("")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(out).rstrip() + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jmh", required=True, help="JMH result file (-rf json)")
    parser.add_argument("--memory", help="MemoryFootprint result file")
    parser.add_argument("--redis", help="directory with redis-benchmark CSV and round-trips.json")
    parser.add_argument("--notes", default=str(Path(__file__).with_name("notes.md")))
    parser.add_argument("--out", required=True, help="the Markdown file to write")
    parser.add_argument("--command", default="benchmarks/run.sh", help="the command that ran")
    parser.add_argument("--load", help="load averages to report")
    parser.add_argument("--started")
    parser.add_argument("--finished")
    render(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
