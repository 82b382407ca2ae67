/**
 * Reading the KV snapshots of primary-key tables: the snapshot RPCs and leases, downloading a
 * snapshot's files, and iterating them with RocksDB (an optional dependency, touched only by
 * {@link io.flussreactive.internal.snapshot.RocksDbValues}).
 */
package io.flussreactive.internal.snapshot;
