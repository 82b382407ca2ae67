package io.flussreactive.internal.util;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Work, such as closing, that starts with the first call and then runs to its end whether or not
 * anyone still waits for it: a caller that gives up waiting must not leave it half done. Every call
 * waits for the same run.
 */
public final class SingleRun {

    private final AtomicBoolean started = new AtomicBoolean();
    private final Sinks.Empty<Void> done = Sinks.empty();

    /**
     * Starts the work on the first subscription of the first call; later calls only wait for it.
     *
     * @param work makes the work
     * @return completes (or fails) like the work
     */
    public Mono<Void> run(Supplier<Mono<Void>> work) {
        return Mono.defer(() -> {
            if (started.compareAndSet(false, true)) {
                work.get().subscribe(null, done::tryEmitError, done::tryEmitEmpty);
            }
            return done.asMono();
        });
    }

    /**
     * Completes when the work has run, without starting it.
     *
     * @return completes (or fails) like the work
     */
    public Mono<Void> whenDone() {
        return done.asMono();
    }
}
