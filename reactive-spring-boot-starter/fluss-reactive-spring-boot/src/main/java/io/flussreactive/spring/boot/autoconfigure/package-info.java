/**
 * Spring Boot auto-configuration of the fluss-reactive client: {@code fluss.*} properties, the client,
 * its admin, connection details and customizers.
 */
@NullMarked
package io.flussreactive.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
