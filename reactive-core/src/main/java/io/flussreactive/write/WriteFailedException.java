package io.flussreactive.write;

/**
 * Records written before a {@code flush()} (or {@code close()}) failed. The individual failures were
 * reported in the records' {@link WriteResult}s; this tells the caller of {@code flush()} that not
 * everything it wrote is stored. The cause is the first failure.
 */
public final class WriteFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long failedRecords;

    /**
     * @param failedRecords how many records failed
     * @param firstFailure the first failure seen
     */
    public WriteFailedException(long failedRecords, Throwable firstFailure) {
        super(failedRecords + " record(s) written before flush failed; the first failure: "
                + (firstFailure == null ? "unknown" : firstFailure.getMessage()), firstFailure);
        this.failedRecords = failedRecords;
    }

    /** How many records failed. */
    public long failedRecords() {
        return failedRecords;
    }
}
