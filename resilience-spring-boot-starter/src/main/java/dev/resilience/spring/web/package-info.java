/** Maps rejections to HTTP responses: {@code 429} and {@code 503} with retry and limit headers. */
package dev.resilience.spring.web;
