/**
 * Development services: an embedded Fluss cluster started with the application context
 * ({@code fluss.embedded.*}), so that an application runs without a Fluss cluster of its own.
 */
@NullMarked
package io.flussreactive.spring.boot.autoconfigure.embedded;

import org.jspecify.annotations.NullMarked;
