package io.flussreactive.samples.webflux;

import io.flussreactive.admin.FlussAdmin;
import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.scan.ScanPosition;
import io.flussreactive.table.FlussTable;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.WriteRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.NestedExceptionUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The events log: streams of events written through one shared writer, and read back live from an
 * offset. Nothing here collects a stream: the writer asks for events only while the client's write
 * buffer has room, and a stream of stored events is fetched as its subscriber asks for them.
 */
public final class EventStore {

    /** The events table's only bucket. */
    private static final int BUCKET = 0;

    private final FlussTable table;
    private final FlussAdmin admin;
    private final AppendWriter writer;
    private final EventMeters meters;

    /**
     * A store on the events table. Its writer is closed with the client.
     *
     * @param tables the sample's tables
     * @param admin the client's admin, for the offsets of the log
     * @param meters where the events are counted
     */
    public EventStore(SampleTables tables, FlussAdmin admin, EventMeters meters) {
        this.table = tables.events();
        this.admin = admin;
        this.writer = table.appendWriter();
        this.meters = meters;
    }

    /**
     * Writes a stream of events, reading it no faster than the write buffer frees room.
     *
     * @param events the events, in the order they arrive
     * @return how many were stored and how many failed, once every event has its result; fails with
     *     {@link UnreadableEventsException} when the stream fails (an event that could not be decoded,
     *     or lacks its {@code type}), after the results of the events before it
     */
    public Mono<IngestReport> ingest(Flux<Event> events) {
        AtomicLong taken = new AtomicLong();
        AtomicLong stored = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Flux<WriteRecord<Void>> records = events
                .map(event -> WriteRecord.of(event.completed(Instant.now()).toRow()))
                .doOnNext(record -> {
                    taken.incrementAndGet();
                    meters.received();
                })
                .onErrorMap(failure -> new UnreadableEventsException(describe(failure, taken.get()), failure));
        return writer.write(records)
                .doOnNext(result -> {
                    if (result.isSuccess()) {
                        stored.incrementAndGet();
                        meters.stored();
                    } else {
                        failed.incrementAndGet();
                        meters.failed();
                    }
                })
                .then(Mono.fromSupplier(() -> new IngestReport(stored.get(), failed.get())))
                .onErrorMap(UnreadableEventsException.class, unreadable -> unreadable.after(stored.get(), failed.get()));
    }

    /**
     * The offset a stream from {@code start} begins at.
     *
     * @param start where to start
     * @return the offset of the first event the stream would deliver; fails with
     *     {@link InvalidRequestException} for an offset outside the log
     */
    public Mono<Long> offsetOf(StreamStart start) {
        if (start instanceof StreamStart.Offset given) {
            long offset = given.offset();
            return Mono.zip(offset(OffsetSpec.earliest()), offset(OffsetSpec.latest()))
                    .flatMap(range -> offset < range.getT1() || offset > range.getT2()
                            ? Mono.error(new InvalidRequestException("Offset " + offset
                                    + " is outside the events log, which holds offsets " + range.getT1()
                                    + " up to " + range.getT2() + " (the next one written)"))
                            : Mono.just(offset));
        }
        return offset(start instanceof StreamStart.Earliest ? OffsetSpec.earliest() : OffsetSpec.latest());
    }

    /**
     * Every event stored from an offset on, as it is stored: the stream does not end by itself.
     * Cancelling it stops the scan.
     *
     * @param offset the offset of the first event
     * @return the events, in the order of the log
     */
    public Flux<StoredEvent> from(long offset) {
        return table.scan()
                .resumeFrom(ScanPosition.of(Map.of(BUCKET, offset)))
                .records()
                .map(record -> new StoredEvent(record.offset(), Event.fromRow(record.row())));
    }

    private Mono<Long> offset(OffsetSpec spec) {
        return admin.listOffsets(table.path(), List.of(BUCKET), spec).map(offsets -> offsets.get(BUCKET));
    }

    /**
     * What is wrong with the body, in the words of the part that found it. An invalid event is the one
     * after those taken; JSON that cannot be read fails the whole chunk of the body it came in, so its
     * place is given by the decoder's byte offset instead.
     */
    private static String describe(Throwable failure, long taken) {
        if (failure instanceof IllegalArgumentException invalid) {
            return "event " + (taken + 1) + ": " + invalid.getMessage();
        }
        return "unreadable JSON after " + taken + " events: "
                + NestedExceptionUtils.getMostSpecificCause(failure).getMessage();
    }
}
