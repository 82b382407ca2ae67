package io.flussreactive.internal.fetch;

import java.util.HashMap;
import java.util.Map;

/**
 * The Arrow memory a scan subscription may hold ahead of its downstream
 * ({@link io.flussreactive.scan.ScanOptions#prefetchBytes()}), and what takes it: decoded batches
 * waiting for demand, fetched answers being decoded (at the size they are expected to take decoded) and
 * fetches in flight (at the most their answers may take decoded), and the bytes read from tiered log
 * segments that do not make a whole batch yet (at their size as read; whole batches cut from them are
 * counted as fetched answers being decoded).
 *
 * <p>It also sizes fetches: the server counts fetched bytes, the budget decoded ones, so a fetch asks
 * for its allowance divided by how much this scan's records grow when decoded; until an answer has
 * shown that, a fetch asks for one byte, which brings exactly one batch. Used on the subscription's
 * executor only.
 */
final class PrefetchBudget {

    /**
     * How much the records of an answer that arrived before any was decoded are taken to grow when
     * decoded; only fetches of one batch leave before the first answer is decoded.
     */
    private static final double FIRST_EXPANSION_GUESS = 4.0;

    private final long prefetchBytes;
    private final int fetchMaxBytes;
    /** The leaders with a fetch in flight, each with what its answer may take decoded. */
    private final Map<Integer, Long> fetchesInFlight = new HashMap<>();
    private long inFlightBytes;
    /** The Arrow memory of the decoded batches waiting for demand. */
    private long bufferedBytes;
    /** What the fetched answers being decoded will take once decoded, by the expansion seen so far. */
    private long decodingBytes;
    /** The bytes read from tiered log segments and kept until the rest of their batch is read. */
    private long remoteHeldBytes;
    /**
     * How many bytes of Arrow memory a fetched byte becomes: the most seen lately (it follows a larger
     * expansion at once and a smaller one slowly), or 0 until an answer was decoded.
     */
    private double expansion;

    /**
     * @param prefetchBytes the budget
     * @param fetchMaxBytes the most bytes one fetch may ask for
     */
    PrefetchBudget(long prefetchBytes, int fetchMaxBytes) {
        this.prefetchBytes = prefetchBytes;
        this.fetchMaxBytes = fetchMaxBytes;
    }

    /** Whether some of the budget is free, so that a fetch may leave. */
    boolean hasRoom() {
        return used() < prefetchBytes;
    }

    /** Whether a fetch to this leader is in flight (one at a time per leader). */
    boolean isFetching(int leaderId) {
        return fetchesInFlight.containsKey(leaderId);
    }

    /**
     * What each of these leaders may ask for now, in decoded bytes, in order; 0 for those that must
     * wait. Each leader read from (those asked now and those with a fetch in flight) takes its share of
     * the budget, so that one whose answers come back first does not leave the others without room,
     * and no more than is left of it. A fetch takes half a share, so that a leader's next fetch finds
     * room while the previous answer decodes: the server reads while the client decodes.
     *
     * @param leaders how many leaders are to be sent a fetch now
     * @return the allowance of each
     */
    long[] allowances(int leaders) {
        long share = Math.max(1, prefetchBytes / Math.max(1, leaders + fetchesInFlight.size()) / 2);
        long room = prefetchBytes - used();
        long[] allowances = new long[leaders];
        for (int i = 0; i < leaders && room > 0; i++) {
            allowances[i] = Math.min(share, room);
            room -= allowances[i];
        }
        return allowances;
    }

    /**
     * A fetch leaves for a leader: how many bytes it asks the server for, counted against the budget
     * until its answer arrives.
     *
     * @param allowance its allowance in decoded bytes
     * @return the fetch's max bytes
     */
    int fetchSent(int leaderId, long allowance) {
        int maxBytes = expansion == 0 ? 1 : (int) Math.max(1, Math.min(fetchMaxBytes, allowance / expansion));
        long reserved = expansion == 0 ? allowance : (long) (maxBytes * expansion);
        fetchesInFlight.put(leaderId, reserved);
        inFlightBytes += reserved;
        return maxBytes;
    }

    /** A leader's fetch is over (answered or failed): what it reserved is free again. */
    void fetchArrived(int leaderId) {
        Long reserved = fetchesInFlight.remove(leaderId);
        if (reserved != null) {
            inFlightBytes -= reserved;
        }
    }

    /**
     * Fetched records start decoding.
     *
     * @return what they are expected to take decoded, counted until {@link #decoded}
     */
    long decoding(long fetchedBytes) {
        long expected = (long) (fetchedBytes * (expansion == 0 ? FIRST_EXPANSION_GUESS : expansion));
        decodingBytes += expected;
        return expected;
    }

    /** Learns from decoded records how much this scan's records grow. */
    void measured(long fetchedBytes, long arrowBytes) {
        double seen = Math.max(1.0, (double) arrowBytes / Math.max(1, fetchedBytes));
        expansion = expansion == 0 ? seen : Math.max(seen, (3 * expansion + seen) / 4);
    }

    /** Decoded records whose batches now wait for demand (or were dropped): their expectation ends. */
    void decoded(long expectedBytes) {
        decodingBytes -= expectedBytes;
    }

    /** Bytes read from a tiered log segment are kept ({@code delta > 0}) or given up or handed on. */
    void remoteHeld(long delta) {
        remoteHeldBytes += delta;
    }

    /** A decoded batch waits for demand. */
    void buffered(long bytes) {
        bufferedBytes += bytes;
    }

    /** A batch waiting for demand was delivered. */
    void delivered(long bytes) {
        bufferedBytes -= bytes;
    }

    /** Every batch waiting for demand was closed (the subscription ended). */
    void bufferCleared() {
        bufferedBytes = 0;
    }

    /**
     * The memory taken now: batches waiting, answers decoding, fetches in flight, partial batches read
     * from tiered segments.
     */
    long used() {
        return bufferedBytes + decodingBytes + inFlightBytes + remoteHeldBytes;
    }
}
