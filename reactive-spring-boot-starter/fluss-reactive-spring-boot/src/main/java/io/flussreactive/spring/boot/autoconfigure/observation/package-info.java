/** Auto-configuration of the Fluss client's meters and observations. */
@NullMarked
package io.flussreactive.spring.boot.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
