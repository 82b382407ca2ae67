package io.flussreactive.samples.webflux;

/**
 * Where a stream of events starts: {@code latest} (only events stored from now on), {@code earliest}
 * (every event still stored) or an offset of the events log.
 */
public sealed interface StreamStart {

    /** From the events stored after the stream starts. */
    StreamStart LATEST = new Latest();

    /** From the first event still stored. */
    StreamStart EARLIEST = new Earliest();

    /**
     * Reads a start as {@code GET /events/stream?from=...} gives it.
     *
     * @param from {@code latest}, {@code earliest} or an offset (0 or more)
     * @return the start
     * @throws InvalidRequestException for anything else
     */
    static StreamStart parse(String from) {
        if ("latest".equalsIgnoreCase(from)) {
            return LATEST;
        }
        if ("earliest".equalsIgnoreCase(from)) {
            return EARLIEST;
        }
        return new Offset(parseOffset(from, "'from' must be latest, earliest or an offset (0 or more), not '"
                + from + "'"));
    }

    /**
     * The start just after the last event a client saw, as an {@code EventSource} that reconnects says
     * in its {@code Last-Event-ID} header.
     *
     * @param lastEventId the offset of the last event seen
     * @return the start at the next offset
     * @throws InvalidRequestException when the id is not an offset
     */
    static StreamStart after(String lastEventId) {
        return new Offset(parseOffset(lastEventId, "Last-Event-ID must be an offset, not '" + lastEventId + "'") + 1);
    }

    private static long parseOffset(String text, String problem) {
        try {
            long offset = Long.parseLong(text.trim());
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below with what was expected.
        }
        throw new InvalidRequestException(problem);
    }

    /** See {@link #LATEST}. */
    record Latest() implements StreamStart {
    }

    /** See {@link #EARLIEST}. */
    record Earliest() implements StreamStart {
    }

    /**
     * From this offset of the events log.
     *
     * @param offset the offset of the first event to stream
     */
    record Offset(long offset) implements StreamStart {
    }
}
