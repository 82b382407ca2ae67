package io.flussreactive.benchmarks.jmh;

import io.flussreactive.internal.bucket.FlussBucketing;
import io.flussreactive.internal.record.KeyEncoder;
import io.flussreactive.internal.record.KeyEncoders;
import io.flussreactive.row.Row;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Encoding the primary key of a row with the encoder upserts and lookups use ({@link
 * KeyEncoders#primaryKey}), alone and followed by the bucket choice ({@link FlussBucketing#bucket}:
 * Fluss's MurmurHash3 variant and modulo), for an INT key ({@code id}, 1 to 5 bytes encoded) and a
 * STRING key ({@code name} = {@code "name-<id>"}, 7 to 11 bytes encoded). The bucket key is the primary
 * key, so its bytes are the key bytes. Each invocation takes the 1024 keys of 1024 different rows.
 *
 * <p>Score: keys per second (ops/s, one op = one key).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KeyHashBenchmark {

    private KeyEncoder intKey;
    private KeyEncoder stringKey;
    private int buckets;
    private Row[] rows;

    /** Builds the key encoders of two tables keyed by {@code id} and by {@code name}, and the rows. */
    @Setup
    public void setUp() {
        intKey = KeyEncoders.primaryKey(CodecFixtures.primaryKeyTable("id"));
        stringKey = KeyEncoders.primaryKey(CodecFixtures.primaryKeyTable("name"));
        buckets = CodecFixtures.BUCKETS;
        rows = CodecFixtures.rows(CodecFixtures.SMALL_BATCH);
    }

    /**
     * Encodes 1024 INT keys.
     *
     * @param blackhole consumes each key
     */
    @Benchmark
    @OperationsPerInvocation(CodecFixtures.SMALL_BATCH)
    public void encodeIntKey(Blackhole blackhole) {
        encode(intKey, blackhole);
    }

    /**
     * Encodes 1024 INT keys and picks their buckets.
     *
     * @param blackhole consumes each bucket
     */
    @Benchmark
    @OperationsPerInvocation(CodecFixtures.SMALL_BATCH)
    public void encodeIntKeyAndBucket(Blackhole blackhole) {
        encodeAndBucket(intKey, blackhole);
    }

    /**
     * Encodes 1024 STRING keys.
     *
     * @param blackhole consumes each key
     */
    @Benchmark
    @OperationsPerInvocation(CodecFixtures.SMALL_BATCH)
    public void encodeStringKey(Blackhole blackhole) {
        encode(stringKey, blackhole);
    }

    /**
     * Encodes 1024 STRING keys and picks their buckets.
     *
     * @param blackhole consumes each bucket
     */
    @Benchmark
    @OperationsPerInvocation(CodecFixtures.SMALL_BATCH)
    public void encodeStringKeyAndBucket(Blackhole blackhole) {
        encodeAndBucket(stringKey, blackhole);
    }

    private void encode(KeyEncoder encoder, Blackhole blackhole) {
        for (Row row : rows) {
            blackhole.consume(encoder.encode(row));
        }
    }

    private void encodeAndBucket(KeyEncoder encoder, Blackhole blackhole) {
        for (Row row : rows) {
            blackhole.consume(FlussBucketing.bucket(encoder.encode(row), buckets));
        }
    }
}
