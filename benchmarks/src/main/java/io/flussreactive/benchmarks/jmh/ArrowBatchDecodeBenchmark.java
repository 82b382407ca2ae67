package io.flussreactive.benchmarks.jmh;

import io.flussreactive.admin.ArrowCompression;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.record.ArrowCodecs;
import io.flussreactive.internal.record.ArrowLogBatchDecoder;
import io.flussreactive.internal.record.ArrowLogBatchEncoder;
import io.flussreactive.internal.record.ArrowRowWriter;
import io.flussreactive.internal.record.ArrowSchemas;
import io.flussreactive.internal.record.DecodedArrowBatch;
import io.flussreactive.internal.record.LogBatchHeader;
import io.flussreactive.internal.record.LogBatchIterator;
import io.flussreactive.row.Row;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding one ARROW log batch the way a scan decodes the records of a fetch answer with all
 * columns: the batch is found with {@link LogBatchIterator} in a read-only heap buffer (as the
 * records field of a response arrives), and {@link ArrowLogBatchDecoder#forAllColumns} checks its
 * CRC and copies (or decompresses) its buffers into a scan allocator. The decoded batch is closed
 * every time. The {@code decodeAndRead} variants also read every value of every row through the
 * typed Arrow vectors (the strings as their UTF-8 bytes).
 *
 * <p>Score: rows per second (ops/s, one op = one row), for batches of 1024 and of 16384 rows written
 * with the codec NONE or ZSTD (level 3). The batches are encoded once, in setup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ArrowBatchDecodeBenchmark {

    /** The codec the batches were written with. */
    @Param({"NONE", "ZSTD"})
    public ArrowCompression compression;

    private BufferAllocator arrowMemory;
    private BufferAllocator scanMemory;
    private ArrowLogBatchDecoder decoder;
    private ByteBuffer smallBatch;
    private ByteBuffer largeBatch;

    /** Encodes the two batches and builds the decoder. */
    @Setup
    public void setUp() {
        ArrowCodecs.zstdLoaded().block();
        TableInfo table = CodecFixtures.logTable(compression);
        arrowMemory = new RootAllocator();
        smallBatch = encode(table, CodecFixtures.SMALL_BATCH);
        largeBatch = encode(table, CodecFixtures.LARGE_BATCH);
        decoder = ArrowLogBatchDecoder.forAllColumns(table.rowType());
        // A scan's batches come from a child of the client's allocator.
        scanMemory = arrowMemory.newChildAllocator("scan", 0, Long.MAX_VALUE);
    }

    /** Closes the allocators; closing fails should a benchmark have leaked Arrow memory. */
    @TearDown
    public void tearDown() {
        scanMemory.close();
        arrowMemory.close();
    }

    /** The bytes of a batch of {@code rowCount} rows, as a read-only heap buffer. */
    private ByteBuffer encode(TableInfo table, int rowCount) {
        Row[] rows = CodecFixtures.rows(rowCount);
        try (VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrowSchema(table.rowType()), arrowMemory)) {
            ArrowRowWriter writer = new ArrowRowWriter(table.rowType(), root);
            for (Row row : rows) {
                writer.append(row);
            }
            ByteBuf batch = ArrowLogBatchEncoder.forTable(table).encodeAppendOnly(PooledByteBufAllocator.DEFAULT,
                    writer.finish(), table.schemaId(), LogBatchHeader.NO_WRITER_ID, LogBatchHeader.NO_BATCH_SEQUENCE);
            try {
                byte[] bytes = new byte[batch.readableBytes()];
                batch.readBytes(bytes);
                return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
            } finally {
                batch.release();
            }
        }
    }

    /**
     * Decodes a batch of 1024 rows.
     *
     * @param blackhole consumes the decoded batch
     */
    @Benchmark
    @OperationsPerInvocation(CodecFixtures.SMALL_BATCH)
    public void decode1024Rows(Blackhole blackhole) {
        decode(smallBatch, false, blackhole);
    }

    /**
     * Decodes a batch of 16384 rows.
     *
     * @param blackhole consumes the decoded batch
     */
    @Benchmark
    @OperationsPerInvocation(CodecFixtures.LARGE_BATCH)
    public void decode16384Rows(Blackhole blackhole) {
        decode(largeBatch, false, blackhole);
    }

    /**
     * Decodes a batch of 1024 rows and reads all its values.
     *
     * @param blackhole consumes the decoded batch and the values
     */
    @Benchmark
    @OperationsPerInvocation(CodecFixtures.SMALL_BATCH)
    public void decodeAndRead1024Rows(Blackhole blackhole) {
        decode(smallBatch, true, blackhole);
    }

    /**
     * Decodes a batch of 16384 rows and reads all its values.
     *
     * @param blackhole consumes the decoded batch and the values
     */
    @Benchmark
    @OperationsPerInvocation(CodecFixtures.LARGE_BATCH)
    public void decodeAndRead16384Rows(Blackhole blackhole) {
        decode(largeBatch, true, blackhole);
    }

    private void decode(ByteBuffer records, boolean readValues, Blackhole blackhole) {
        // duplicate(): each decode walks the records from their start, as a fresh response would.
        LogBatchIterator batches = new LogBatchIterator(Unpooled.wrappedBuffer(records.duplicate()));
        try (DecodedArrowBatch batch = decoder.decode(batches.next().bytes(), scanMemory)) {
            blackhole.consume(batch.rowCount());
            if (readValues) {
                readAll(batch.root(), blackhole);
            } else {
                blackhole.consume(batch.root());
            }
        }
    }

    private static void readAll(VectorSchemaRoot root, Blackhole blackhole) {
        IntVector ids = (IntVector) root.getVector(0);
        VarCharVector names = (VarCharVector) root.getVector(1);
        Float8Vector scores = (Float8Vector) root.getVector(2);
        BigIntVector timestamps = (BigIntVector) root.getVector(3);
        int rows = root.getRowCount();
        for (int i = 0; i < rows; i++) {
            blackhole.consume(ids.get(i));
            blackhole.consume(names.get(i));
            blackhole.consume(scores.get(i));
            blackhole.consume(timestamps.get(i));
        }
    }
}
