/** Rate limiting: algorithms behind one interface, decisions rich enough for HTTP headers. */
package dev.resilience.core.ratelimit;
