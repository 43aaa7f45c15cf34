/** The seam between the limiters and the place their state is kept. */
package dev.resilience.spring.store;
