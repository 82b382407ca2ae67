package io.flussreactive.benchmarks.jmh;

import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.record.CompactedRowWriter;
import io.flussreactive.internal.record.KeyEncoder;
import io.flussreactive.internal.record.KeyEncoders;
import io.flussreactive.internal.record.KvBatchEncoder;
import io.flussreactive.row.Row;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
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
 * Encoding rows for a primary-key table with the default COMPACTED value format, the way an upsert
 * writer does, over 1024 rows per invocation:
 *
 * <ul>
 *   <li>{@code encodeValues}: the value row alone, with {@link CompactedRowWriter#encode(Row)};
 *   <li>{@code prepareRecords}: what is done per record when it is accepted: its primary key with the
 *       table's {@link KeyEncoder} (which is also its bucket key), its value row, its batch size;
 *   <li>{@code encodeBatch}: the KV batch of 1024 already encoded records, appended with {@link
 *       KvBatchEncoder} to a pooled 64 KiB buffer (the writers' initial batch buffer) and completed
 *       with header and CRC; the buffer is released every time.
 * </ul>
 *
 * <p>Score: rows per second (ops/s, one op = one row).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CompactedRowEncodeBenchmark {

    /** The initial buffer of a KV batch in the upsert writer. */
    private static final int INITIAL_BATCH_BYTES = 64 * 1024;

    private final ByteBufAllocator bytes = PooledByteBufAllocator.DEFAULT;
    private TableInfo table;
    private CompactedRowWriter valueWriter;
    private KeyEncoder primaryKey;
    private Row[] rows;
    private byte[][] keys;
    private byte[][] values;

    /** Builds the encoders, the rows, and the encoded records of one batch. */
    @Setup
    public void setUp() {
        table = CodecFixtures.primaryKeyTable("id");
        valueWriter = new CompactedRowWriter(table.rowType());
        primaryKey = KeyEncoders.primaryKey(table);
        rows = CodecFixtures.rows(CodecFixtures.SMALL_BATCH);
        keys = new byte[rows.length][];
        values = new byte[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            keys[i] = primaryKey.encode(rows[i]);
            values[i] = valueWriter.encode(rows[i]);
        }
    }

    /**
     * Encodes 1024 value rows.
     *
     * @param blackhole consumes each encoded row
     */
    @Benchmark
    @OperationsPerInvocation(CodecFixtures.SMALL_BATCH)
    public void encodeValues(Blackhole blackhole) {
        for (Row row : rows) {
            blackhole.consume(valueWriter.encode(row));
        }
    }

    /**
     * Encodes the primary key and the value row of 1024 records and sizes them.
     *
     * @param blackhole consumes each key, value and size
     */
    @Benchmark
    @OperationsPerInvocation(CodecFixtures.SMALL_BATCH)
    public void prepareRecords(Blackhole blackhole) {
        for (Row row : rows) {
            byte[] key = primaryKey.encode(row);
            byte[] value = valueWriter.encode(row);
            blackhole.consume(key);
            blackhole.consume(value);
            blackhole.consume(KvBatchEncoder.recordSize(key.length, value.length));
        }
    }

    /**
     * Writes a KV batch of 1024 encoded records.
     *
     * @param blackhole consumes the batch
     */
    @Benchmark
    @OperationsPerInvocation(CodecFixtures.SMALL_BATCH)
    public void encodeBatch(Blackhole blackhole) {
        ByteBuf batch = bytes.buffer(INITIAL_BATCH_BYTES);
        try {
            KvBatchEncoder encoder = new KvBatchEncoder(batch, table.schemaId());
            for (int i = 0; i < keys.length; i++) {
                encoder.appendUpsert(keys[i], values[i]);
            }
            encoder.complete(KvBatchEncoder.NO_WRITER_ID, KvBatchEncoder.NO_BATCH_SEQUENCE);
            blackhole.consume(batch.readableBytes());
            blackhole.consume(batch);
        } finally {
            batch.release();
        }
    }
}
