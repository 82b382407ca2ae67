package io.flussreactive.samples.webflux;

import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * An event as it is posted and streamed: {@code {"id": "...", "type": "click", "payload": "...", "at":
 * "2026-12-06T14:00:00Z"}}. Only {@code type} is required.
 *
 * @param id the event's id; one is made up when it is left out
 * @param type what happened, such as {@code click}; required
 * @param payload free text, such as a JSON document; may be left out
 * @param at when it happened; the time it was received when left out
 */
public record Event(@Nullable String id, @Nullable String type, @Nullable String payload, @Nullable Instant at) {

    /**
     * Checks the event and fills in what may be left out, as it is stored.
     *
     * @param receivedAt the time to record when the event has none
     * @return the event as stored
     * @throws IllegalArgumentException naming what is wrong: a missing or blank {@code type}
     */
    Event completed(Instant receivedAt) {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("'type' is missing");
        }
        return new Event(id == null || id.isBlank() ? randomId() : id, type, payload, at == null ? receivedAt : at);
    }

    /**
     * A random (version 4) UUID. Not {@code UUID.randomUUID()}: its secure random source may read from
     * a file the first time, which must not happen on the event loop that decodes the request.
     */
    private static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    /** The event as a row of the events table ({@link SampleTables}). */
    Row toRow() {
        return GenericRow.of(id, type, payload, at);
    }

    /**
     * Reads an event from a row of the events table.
     *
     * @param row a row of the events table
     * @return the event
     */
    static Event fromRow(Row row) {
        return new Event((String) row.get(0), (String) row.get(1), (String) row.get(2), (Instant) row.get(3));
    }
}
