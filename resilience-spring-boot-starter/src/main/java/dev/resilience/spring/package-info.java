/**
 * The starter's public API: registries of limiters and breakers by name, and the exceptions that
 * rejected calls raise.
 */
package dev.resilience.spring;
