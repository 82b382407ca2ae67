package io.flussreactive.internal.telemetry.micrometer;

import io.flussreactive.observation.DefaultFlussObservationConvention;
import io.flussreactive.observation.FlussObservationContext.Outcome;
import io.flussreactive.observation.FlussObservationContext;
import io.flussreactive.observation.FlussObservationConvention;
import io.flussreactive.observation.FlussObservationDocumentation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.util.context.ContextView;

/**
 * Makes a subscription one observation: started on subscribe, stopped when it completes, fails or is
 * cancelled. Its parent is the observation in the subscriber's Reactor context (where Micrometer's
 * context propagation and Spring WebFlux keep the current one), and it is put there in turn for what the
 * operation subscribes to. With a no-op registry nothing is wrapped.
 */
final class Observations {

    private final ObservationRegistry registry;
    /** The application's convention, or null for the default. */
    private final FlussObservationConvention convention;

    Observations(ObservationRegistry registry, FlussObservationConvention convention) {
        this.registry = registry;
        this.convention = convention;
    }

    <T> Mono<T> observe(FlussObservationDocumentation kind, String table, String operation, Mono<T> source) {
        if (registry.isNoop()) {
            return source;
        }
        return Mono.deferContextual(reactorContext -> {
            Started started = start(kind, table, operation, reactorContext);
            // Stopped before the result goes on downstream (doFinally would stop it after), so that the
            // observation covers the operation and not what the subscriber does with its result.
            return source.doOnSuccess(result -> started.stop(SignalType.ON_COMPLETE))
                    .doOnError(started::fail)
                    .doOnCancel(() -> started.stop(SignalType.CANCEL))
                    .contextWrite(c -> c.put(ObservationThreadLocalAccessor.KEY, started.observation));
        });
    }

    <T> Flux<T> observe(FlussObservationDocumentation kind, String table, String operation, Flux<T> source) {
        if (registry.isNoop()) {
            return source;
        }
        return Flux.deferContextual(reactorContext -> {
            Started started = start(kind, table, operation, reactorContext);
            return source.doOnComplete(() -> started.stop(SignalType.ON_COMPLETE))
                    .doOnError(started::fail)
                    .doOnCancel(() -> started.stop(SignalType.CANCEL))
                    .contextWrite(c -> c.put(ObservationThreadLocalAccessor.KEY, started.observation));
        });
    }

    private Started start(FlussObservationDocumentation kind, String table, String operation, ContextView reactorContext) {
        FlussObservationContext context = new FlussObservationContext(kind, table, operation);
        Observation observation = kind.observation(convention, DefaultFlussObservationConvention.INSTANCE,
                () -> context, registry);
        Observation parent = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        if (parent != null) {
            observation.parentObservation(parent);
        }
        return new Started(observation.start(), context, new AtomicBoolean());
    }

    /**
     * An observation started, and its context. It is stopped once: a cancel can follow a Mono's value
     * (a {@code next()} downstream), which ended the operation already.
     */
    private record Started(Observation observation, FlussObservationContext context, AtomicBoolean stopped) {

        void fail(Throwable error) {
            if (!stopped.get()) {
                observation.error(error);
            }
            stop(SignalType.ON_ERROR);
        }

        void stop(SignalType signal) {
            if (!stopped.compareAndSet(false, true)) {
                return;
            }
            context.outcome(switch (signal) {
                case ON_ERROR -> Outcome.ERROR;
                case CANCEL -> Outcome.CANCELLED;
                default -> Outcome.SUCCESS;
            });
            observation.stop();
        }
    }
}
