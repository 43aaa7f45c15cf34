/** Rate limiter benchmarks: permitted, rejected and keyed paths, side by side with the peers. */
package dev.resilience.benchmarks.ratelimit;
