/** The gateway: the chat completion endpoint, its limits, its model back-ends and fallbacks. */
package dev.resilience.sample.gateway;
