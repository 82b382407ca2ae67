package io.flussreactive.internal.snapshot;

import java.util.Optional;

/**
 * Whether RocksDB, which only reading KV snapshots needs, is on the class path. Asked without loading
 * any class that refers to RocksDB.
 */
public final class RocksDbSupport {

    /** The artifact to add: the one the Fluss 0.9.1 server bundles, so the two agree in one JVM. */
    static final String ARTIFACT = "com.ververica:frocksdbjni:6.20.3-ververica-2.0";

    private RocksDbSupport() {
    }

    /**
     * Why KV snapshots cannot be read, if they cannot.
     *
     * @return an error naming the missing dependency, or empty when RocksDB is there
     */
    public static Optional<UnsupportedOperationException> missing() {
        try {
            Class.forName("org.rocksdb.RocksDB", false, RocksDbSupport.class.getClassLoader());
            return Optional.empty();
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.of(new UnsupportedOperationException("Reading a KV snapshot needs RocksDB, which is not "
                    + "on the class path: add the optional dependency " + ARTIFACT + " (or another RocksDB JNI "
                    + "with the package org.rocksdb)"));
        }
    }
}
