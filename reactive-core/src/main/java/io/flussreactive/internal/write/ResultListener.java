package io.flussreactive.internal.write;

import io.flussreactive.write.WriteResult;

/**
 * Receives the result of each record a writer accepted. Called from the writer's serial executor; it
 * must be cheap and must not block.
 *
 * @param <T> the type of the records' correlation metadata
 */
@FunctionalInterface
public interface ResultListener<T> {

    /** One record's outcome. */
    void onResult(WriteResult<T> result);
}
