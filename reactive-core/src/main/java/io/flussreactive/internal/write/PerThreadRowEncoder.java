package io.flussreactive.internal.write;

import io.flussreactive.row.Row;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Encodes rows with one encoder per thread. Row encoders reuse a buffer, so they cannot be shared, and
 * records are prepared on their producers' threads. The encoder of the thread that encoded last is kept
 * at hand: a producer writing alone, the usual case, finds its own without a thread-local lookup per row.
 */
final class PerThreadRowEncoder {

    private final ThreadLocal<Function<Row, byte[]>> encoders;
    private volatile OwnedEncoder last;

    /**
     * @param newEncoder makes the encoder of a thread that has none yet
     */
    PerThreadRowEncoder(Supplier<Function<Row, byte[]>> newEncoder) {
        this.encoders = ThreadLocal.withInitial(newEncoder);
    }

    /**
     * Encodes a row with the calling thread's encoder.
     *
     * @throws IllegalArgumentException when the encoder refuses the row
     */
    byte[] encode(Row row) {
        return encoderOfThisThread().apply(row);
    }

    private Function<Row, byte[]> encoderOfThisThread() {
        Thread current = Thread.currentThread();
        OwnedEncoder owned = last;
        if (owned != null && owned.owner == current) {
            return owned.encoder;
        }
        Function<Row, byte[]> encoder = encoders.get();
        last = new OwnedEncoder(current, encoder);
        return encoder;
    }

    /** An encoder and the only thread that uses it. */
    private record OwnedEncoder(Thread owner, Function<Row, byte[]> encoder) {
    }
}
