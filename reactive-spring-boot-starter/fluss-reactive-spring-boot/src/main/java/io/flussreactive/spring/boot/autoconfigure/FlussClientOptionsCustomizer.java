package io.flussreactive.spring.boot.autoconfigure;

import io.flussreactive.FlussClientOptions;

/**
 * Changes the options of the auto-configured {@link io.flussreactive.FlussClient} after the
 * {@code fluss.*} properties have been applied, for settings that have no property (your own
 * {@code RetryConfig} for an operation, say). Every bean of this type is applied, in the order of
 * {@link org.springframework.core.Ordered} / {@link org.springframework.core.annotation.Order}.
 */
@FunctionalInterface
public interface FlussClientOptionsCustomizer {

    /**
     * Changes the options being built.
     *
     * @param builder the options, with the properties applied and the customizers before this one
     */
    void customize(FlussClientOptions.Builder builder);
}
