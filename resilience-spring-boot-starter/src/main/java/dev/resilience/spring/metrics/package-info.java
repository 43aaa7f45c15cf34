/** Micrometer meters for the application's breakers and limiters. */
package dev.resilience.spring.metrics;
