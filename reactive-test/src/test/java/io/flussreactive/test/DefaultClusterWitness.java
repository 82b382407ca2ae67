package io.flussreactive.test;

import java.util.concurrent.atomic.AtomicReference;

/** Remembers the first default cluster any test class of the run received from the extension. */
final class DefaultClusterWitness {

    private static final AtomicReference<EmbeddedFlussCluster> FIRST = new AtomicReference<>();

    private DefaultClusterWitness() {}

    /** Records {@code cluster} if it is the first one seen, and returns the first one seen. */
    static EmbeddedFlussCluster firstSeen(EmbeddedFlussCluster cluster) {
        FIRST.compareAndSet(null, cluster);
        return FIRST.get();
    }

    /** The first default cluster seen so far, or {@code null}. */
    static EmbeddedFlussCluster firstSeenSoFar() {
        return FIRST.get();
    }
}
