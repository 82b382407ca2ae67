package io.flussreactive.samples.webflux;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sample's own meters, at {@code /actuator/metrics}: events read from request bodies, stored and
 * failed, and the event streams open.
 */
public final class EventMeters {

    /** Events read from request bodies and handed to the writer. */
    public static final String RECEIVED = "sample.events.received";

    /** Events the cluster acknowledged. */
    public static final String STORED = "sample.events.stored";

    /** Events whose write failed. */
    public static final String FAILED = "sample.events.failed";

    /** Server-sent-event streams open now. */
    public static final String OPEN_STREAMS = "sample.events.streams";

    private final Counter received;
    private final Counter stored;
    private final Counter failed;
    private final AtomicInteger openStreams = new AtomicInteger();

    /**
     * Registers the meters.
     *
     * @param registry where they are registered
     */
    public EventMeters(MeterRegistry registry) {
        this.received = Counter.builder(RECEIVED)
                .description("Events read from request bodies and handed to the writer")
                .register(registry);
        this.stored = Counter.builder(STORED).description("Events the cluster acknowledged").register(registry);
        this.failed = Counter.builder(FAILED).description("Events whose write failed").register(registry);
        Gauge.builder(OPEN_STREAMS, openStreams, AtomicInteger::get)
                .description("Server-sent-event streams of events open now")
                .register(registry);
    }

    void received() {
        received.increment();
    }

    void stored() {
        stored.increment();
    }

    void failed() {
        failed.increment();
    }

    void streamOpened() {
        openStreams.incrementAndGet();
    }

    void streamClosed() {
        openStreams.decrementAndGet();
    }
}
