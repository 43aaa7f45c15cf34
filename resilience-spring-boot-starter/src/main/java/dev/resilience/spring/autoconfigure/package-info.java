/** Auto-configuration, configuration properties and failure analysis of the starter. */
package dev.resilience.spring.autoconfigure;
