/**
 * The advice behind the annotations: finding annotated methods, evaluating their expressions,
 * resolving fallbacks, and handing each call to the core limiters and breakers.
 */
package dev.resilience.spring.aop;
