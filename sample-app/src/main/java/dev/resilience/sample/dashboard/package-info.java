/** The live dashboard: its page, served at {@code /dashboard}, and the token meters it reads. */
package dev.resilience.sample.dashboard;
