package io.flussreactive.samples.webflux;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code POST /events}, a streamed ingest, and {@code GET /events/stream}, the live events log. */
@RestController
public class EventController {

    /**
     * How many events a stream asks the scan for at a time: few enough that a page showing each one
     * keeps up, and the scan fetches no further ahead than that.
     */
    static final int STREAM_BATCH = 64;

    private final EventStore store;
    private final EventMeters meters;

    /**
     * The controller.
     *
     * @param store the events log
     * @param meters counts the open streams
     */
    public EventController(EventStore store, EventMeters meters) {
        this.store = store;
        this.meters = meters;
    }

    /**
     * Stores the events of the body, an NDJSON stream ({@code application/x-ndjson}) or a JSON array
     * ({@code application/json}), both decoded one event at a time as the writer asks for them: a
     * cluster slower than the client slows the upload down.
     *
     * @param events the events of the body
     * @return how many were stored and how many failed
     */
    @PostMapping(path = "/events", consumes = {MediaType.APPLICATION_NDJSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    public Mono<IngestReport> ingest(@RequestBody Flux<Event> events) {
        return store.ingest(events);
    }

    /**
     * The events as they are stored, as server-sent events: first a {@code start} event whose data is
     * the offset the stream starts at, then one event per stored event, its id its offset. Ends when
     * the client goes away.
     *
     * @param from {@code latest} (the default), {@code earliest} or an offset
     * @param lastEventId the id of the last event a reconnecting {@code EventSource} saw; the stream
     *     goes on after it, whatever {@code from} says
     * @return the events
     */
    @GetMapping(path = "/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Object>> stream(@RequestParam(defaultValue = "latest") String from,
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
        StreamStart start = lastEventId != null ? StreamStart.after(lastEventId) : StreamStart.parse(from);
        // The start offset is fixed before anything is sent, so an event stored after the client has
        // the start event is in the stream.
        return store.offsetOf(start).flatMapMany(offset -> Flux.concat(
                        Mono.just(ServerSentEvent.<Object>builder(Map.of("offset", offset)).event("start").build()),
                        store.from(offset)
                                .limitRate(STREAM_BATCH)
                                .map(stored -> ServerSentEvent.<Object>builder(stored.event())
                                        .id(Long.toString(stored.offset()))
                                        .build())))
                .doOnSubscribe(subscription -> meters.streamOpened())
                .doFinally(signal -> meters.streamClosed());
    }
}
