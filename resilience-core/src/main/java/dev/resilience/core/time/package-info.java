/** The time abstraction every algorithm reads, with a manual time source for tests. */
package dev.resilience.core.time;
