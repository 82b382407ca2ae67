package io.flussreactive.internal.write;

import java.util.List;

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

    /**
     * The outcomes of several records at once (a batch's), in order. Listeners that hand results to
     * another thread override this to pass them on as one unit instead of one by one.
     *
     * @param results the outcomes; the list is not used by the caller afterwards
     */
    default void onResults(List<WriteResult<T>> results) {
        for (WriteResult<T> result : results) {
            onResult(result);
        }
    }
}
