/** Circuit breaking: the breaker state machine, its settings, events and snapshots. */
package dev.resilience.core.circuitbreaker;
