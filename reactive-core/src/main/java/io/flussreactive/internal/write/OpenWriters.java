package io.flussreactive.internal.write;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The writers of one client that are not closed yet, so that closing the client first closes them:
 * what they have taken is then sent and acknowledged instead of retried against closed connections
 * until its delivery timeout.
 */
public final class OpenWriters {

    private static final Logger log = LoggerFactory.getLogger(OpenWriters.class);

    private final Set<TableWriter> writers = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    /**
     * Adds a new writer, which leaves again when it closes.
     *
     * @param writer a writer that has taken nothing yet
     * @return false when the client is closing, so the writer must not be used
     */
    public boolean add(TableWriter writer) {
        writers.add(writer);
        // Checked after adding: closeAll sets the flag before it copies the set, so a writer is either
        // in the copy it closes or sees the flag here.
        if (closing) {
            writers.remove(writer);
            return false;
        }
        writer.whenClosed().subscribe(null, error -> writers.remove(writer), () -> writers.remove(writer));
        return true;
    }

    /** Whether the client is closing, so it makes no more writers. */
    public boolean isClosing() {
        return closing;
    }

    /** How many writers are open. */
    public int count() {
        return writers.size();
    }

    /**
     * Refuses new writers and closes every open one: each sends what it has taken and waits for the
     * acknowledgements, at most its delivery timeout.
     *
     * @return completes when every writer is closed; records that failed were reported to their
     *     writers' results already, so this does not fail for them
     */
    public Mono<Void> closeAll() {
        return Mono.defer(() -> {
            closing = true;
            return Flux.fromIterable(List.copyOf(writers))
                    .flatMap(writer -> writer.close().onErrorResume(error -> {
                        log.warn("A writer closed by its client had failed records: {}", error.getMessage());
                        return Mono.empty();
                    }))
                    .then();
        });
    }
}
