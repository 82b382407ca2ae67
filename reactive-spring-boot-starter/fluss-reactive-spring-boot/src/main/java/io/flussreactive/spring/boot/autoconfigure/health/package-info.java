/** Auto-configuration of the Fluss health indicator. */
@NullMarked
package io.flussreactive.spring.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
