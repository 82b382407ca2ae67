/** The health indicator of a Fluss cluster, for Spring Boot's health endpoint. */
@NullMarked
package io.flussreactive.spring.boot.health;

import org.jspecify.annotations.NullMarked;
