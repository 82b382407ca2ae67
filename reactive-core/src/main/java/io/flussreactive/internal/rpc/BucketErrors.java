package io.flussreactive.internal.rpc;

import io.flussreactive.error.ErrorCode;
import io.flussreactive.error.FlussException;

/**
 * Reads the per-bucket error of an answer: several responses carry an optional error code and message
 * for each bucket, and a bucket failed exactly when a (non-zero) code is present.
 */
public final class BucketErrors {

    private BucketErrors() {
    }

    /**
     * The typed error of a bucket's answer, or null when the bucket succeeded.
     *
     * @param hasCode whether the answer carries an error code
     * @param code the error code
     * @param hasMessage whether it carries an error message
     * @param message the message
     */
    public static FlussException errorOf(boolean hasCode, int code, boolean hasMessage, String message) {
        if (!hasCode || code == ErrorCode.NONE.code()) {
            return null;
        }
        return ErrorCode.forCode(code).toException(hasMessage ? message : null);
    }
}
