package io.flussreactive.internal.snapshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Schedulers;

/**
 * The values of a KV snapshot's RocksDB, in key order, in chunks under demand. The only class of the
 * client that touches RocksDB: callers check {@link RocksDbSupport#missing()} first, so that a client
 * without RocksDB on its class path never loads it.
 *
 * <p>RocksDB calls block, so the database is opened, iterated and closed on one bounded-elastic worker
 * (requests are moved onto it as well); one chunk is read per request. Completion, an error and
 * cancellation all close the iterator, the database and its options, and then run the caller's
 * clean-up on the same worker, so that the files are not deleted under an open database.
 */
final class RocksDbValues {

    private RocksDbValues() {
    }

    /**
     * The values of the database in a directory.
     *
     * @param directory a snapshot's files, downloaded
     * @param maxRows the most values per chunk
     * @param maxBytes the value bytes after which a chunk ends (a chunk holds at least one value)
     * @param afterClose run once the database is closed, or once opening it failed
     * @return the chunks, each non-empty, the last one marked
     */
    static Flux<ValueChunk> read(Path directory, int maxRows, long maxBytes, Runnable afterClose) {
        return Flux.<ValueChunk, OpenDatabase>generate(
                        () -> {
                            try {
                                return OpenDatabase.open(directory);
                            } catch (RocksDBException | RuntimeException | LinkageError e) {
                                afterClose.run();
                                throw e;
                            }
                        },
                        (db, sink) -> {
                            db.nextChunk(sink, maxRows, maxBytes);
                            return db;
                        },
                        db -> {
                            try {
                                db.close();
                            } finally {
                                afterClose.run();
                            }
                        })
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** An open read-only database with its iterator. */
    private static final class OpenDatabase {
        private final Options options;
        private final RocksDB db;
        private final RocksIterator iterator;

        private OpenDatabase(Options options, RocksDB db, RocksIterator iterator) {
            this.options = options;
            this.db = db;
            this.iterator = iterator;
        }

        static OpenDatabase open(Path directory) throws RocksDBException {
            RocksDB.loadLibrary();
            Options options = new Options();
            try {
                RocksDB db = RocksDB.openReadOnly(options, directory.toString());
                RocksIterator iterator = db.newIterator();
                iterator.seekToFirst();
                return new OpenDatabase(options, db, iterator);
            } catch (RocksDBException | RuntimeException e) {
                options.close();
                throw e;
            }
        }

        void nextChunk(SynchronousSink<ValueChunk> sink, int maxRows, long maxBytes) {
            List<byte[]> chunk = new ArrayList<>();
            long bytes = 0;
            while (iterator.isValid() && chunk.size() < maxRows && bytes < maxBytes) {
                byte[] value = iterator.value();
                chunk.add(value);
                bytes += value.length;
                iterator.next();
            }
            if (!chunk.isEmpty()) {
                sink.next(new ValueChunk(chunk, !iterator.isValid()));
                return;
            }
            try {
                iterator.status();
                sink.complete();
            } catch (RocksDBException e) {
                sink.error(new IllegalStateException("Reading a KV snapshot with RocksDB failed: " + e.getMessage(), e));
            }
        }

        void close() {
            iterator.close();
            db.close();
            options.close();
        }
    }
}
