"""Specifies how render.py turns JMH and memory results into the report.

Run with: python3 -m unittest discover -s benchmarks -p 'test_*.py'
"""

import json
import tempfile
import unittest
from argparse import Namespace
from pathlib import Path

import render

PACKAGE = "dev.resilience.benchmarks."


def jmh_result(benchmark, score, alloc=None):
    result = {
        "jmhVersion": "1.37",
        "benchmark": PACKAGE + benchmark,
        "mode": "avgt",
        "threads": 1,
        "forks": 2,
        "jvmArgs": [],
        "jdkVersion": "17.0.15",
        "vmName": "OpenJDK 64-Bit Server VM",
        "vmVersion": "17.0.15+6",
        "warmupIterations": 3,
        "warmupTime": "1 s",
        "measurementIterations": 3,
        "measurementTime": "2 s",
        "primaryMetric": {"score": score, "scoreError": 0.5, "scoreUnit": "ns/op"},
        "secondaryMetrics": {},
    }
    if alloc is not None:
        result["secondaryMetrics"]["gc.alloc.rate.norm"] = {"score": alloc, "scoreUnit": "B/op"}
    return result


class RenderTest(unittest.TestCase):

    def render(self, results, memory, redis_files=None):
        with tempfile.TemporaryDirectory() as tmp:
            for name, text in (redis_files or {}).items():
                Path(tmp, name).write_text(text)
            jmh, mem, out = Path(tmp, "jmh.json"), Path(tmp, "memory.json"), Path(tmp, "doc.md")
            jmh.write_text(json.dumps(results))
            mem.write_text(json.dumps(memory))
            render.render(Namespace(jmh=str(jmh), memory=str(mem), out=str(out), redis=tmp,
                                    notes=str(Path(render.__file__).with_name("notes.md")),
                                    command="benchmarks/run.sh", load=None,
                                    started=None, finished=None))
            return out.read_text()

    def target_line(self, doc, label):
        return next(line for line in doc.splitlines() if line.startswith("| " + label))

    def test_permitted_limiter_is_compared_with_the_faster_peer(self):
        doc = self.render([
            jmh_result("ratelimit.LimiterPermittedOneThreadBenchmark.ours", 31.0, 64.0),
            jmh_result("ratelimit.LimiterPermittedOneThreadBenchmark.oursBoolean", 30.0, 0.0),
            jmh_result("ratelimit.LimiterPermittedOneThreadBenchmark.resilience4j", 40.0),
            jmh_result("ratelimit.LimiterPermittedOneThreadBenchmark.bucket4j", 25.0),
            jmh_result("ratelimit.LimiterPermittedOneThreadBenchmark.floor", 28.0),
        ], [])

        line = self.target_line(doc, "Limiter permitted, 1 thread, boolean: ours / faster peer")
        self.assertIn("| 1.200 | ≤ 1.00 | **FAIL** |", line)
        floor = self.target_line(
            doc, "Limiter permitted, 1 thread, boolean: ours / (clock read + CAS)")
        self.assertIn("| 1.071 | ≤ 1.15 | pass |", floor)
        self.assertIn("| 30.0 ± 0.5 (0 B) |", doc)
        self.assertIn("| 31.0 ± 0.5 (64 B) |", doc)

    def test_memory_target_counts_only_state_beyond_the_map_entry(self):
        doc = self.render([], [
            {"name": "mapEntry", "items": 100000, "bytesPerItem": 40.0},
            {"name": "oursKeyed", "items": 100000, "bytesPerItem": 64.0},
            {"name": "bucket4jKeyed", "items": 100000, "bytesPerItem": 140.0},
        ])

        line = self.target_line(doc, "Memory: limiter state per live key")
        self.assertIn("| 0.240 | ≤ 0.25 | pass |", line)

    def test_rows_without_results_are_reported_as_not_measured(self):
        doc = self.render([], [])

        annotated = self.target_line(doc, "Annotated call: ours / no-op @Around aspect")
        self.assertIn("not measured: the starter's annotations are not in this build", annotated)
        redis = self.target_line(doc, "Redis store: round trips per decision")
        self.assertIn("not measured: no redis-server and redis-benchmark on this machine", redis)

    def test_redis_store_is_compared_with_redis_benchmark_running_its_own_script(self):
        ping = ('"test","rps","avg_latency_ms"\n'
                '"PING_INLINE","90000.00","0.500"\n"PING_MBULK","100000.00","0.400"\n')
        evalsha = '"test","rps"\n"EVALSHA 4c78 1 resilience:{bench:tenant-__rand_int__}:tb","100000.00"\n'
        doc = self.render(
            [jmh_result("redis.RedisStoreSixtyFourCallersBenchmark.ours", 75000.0)], [],
            {"redis-benchmark-c64.csv": ping, "redis-evalsha-c64.csv": evalsha,
             "round-trips.json": '{"decisions": 10000, "roundTripsPerDecision": 1.000}'})

        rate = self.target_line(doc, "Redis store, 64 callers: ours / redis-benchmark rate")
        self.assertIn("| 0.750 | ≥ 0.70 | pass |", rate)
        trips = self.target_line(doc, "Redis store: round trips per decision")
        self.assertIn("| 1.000 | = 1 | pass |", trips)


if __name__ == "__main__":
    unittest.main()
