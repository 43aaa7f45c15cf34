/** Actuator endpoints and health for the application's breakers and limiters. */
package dev.resilience.spring.actuate;
