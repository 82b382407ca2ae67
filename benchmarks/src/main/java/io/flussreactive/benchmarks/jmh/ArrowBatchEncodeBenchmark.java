package io.flussreactive.benchmarks.jmh;

import io.flussreactive.admin.ArrowCompression;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.record.ArrowCodecs;
import io.flussreactive.internal.record.ArrowLogBatchEncoder;
import io.flussreactive.internal.record.ArrowRowValidator;
import io.flussreactive.internal.record.ArrowRowWriter;
import io.flussreactive.internal.record.ArrowSchemas;
import io.flussreactive.internal.record.LogBatchHeader;
import io.flussreactive.row.Row;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
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
 * Encoding rows into one complete ARROW log batch, the way an append writer turns the rows of a
 * bucket into the bytes of a produce request: each row is checked and sized (as when it is
 * accepted), a fresh root is filled through {@link ArrowRowWriter}, and {@link ArrowLogBatchEncoder}
 * unloads, compresses and frames it into a pooled Netty buffer with header and CRC. The buffer and
 * the root are released every time.
 *
 * <p>Score: rows per second (ops/s, one op = one row), for batches of 1024 and of 16384 rows, with
 * the table codec NONE or ZSTD (level 3). The batch size is part of the method name rather than a
 * parameter because the rows per invocation must be a constant.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ArrowBatchEncodeBenchmark {

    /** The codec of the table written to. */
    @Param({"NONE", "ZSTD"})
    public ArrowCompression compression;

    private BufferAllocator arrowMemory;
    private BufferAllocator writerMemory;
    private final ByteBufAllocator bytes = PooledByteBufAllocator.DEFAULT;
    private TableInfo table;
    private ArrowRowValidator validator;
    private Schema arrowSchema;
    private ArrowLogBatchEncoder encoder;
    private Row[] rows;

    /** Builds the table, the encoder and the rows of the largest batch. */
    @Setup
    public void setUp() {
        ArrowCodecs.zstdLoaded().block();
        table = CodecFixtures.logTable(compression);
        validator = new ArrowRowValidator(table.rowType());
        arrowSchema = ArrowSchemas.toArrowSchema(table.rowType());
        encoder = ArrowLogBatchEncoder.forTable(table);
        rows = CodecFixtures.rows(CodecFixtures.LARGE_BATCH);
        // A writer's vectors come from a child of the client's allocator.
        arrowMemory = new RootAllocator();
        writerMemory = arrowMemory.newChildAllocator("writer", 0, Long.MAX_VALUE);
    }

    /** Closes the allocators; closing fails should a benchmark have leaked Arrow memory. */
    @TearDown
    public void tearDown() {
        writerMemory.close();
        arrowMemory.close();
    }

    /**
     * Encodes a batch of 1024 rows.
     *
     * @param blackhole consumes the batch
     */
    @Benchmark
    @OperationsPerInvocation(CodecFixtures.SMALL_BATCH)
    public void encode1024Rows(Blackhole blackhole) {
        encodeAndRelease(CodecFixtures.SMALL_BATCH, blackhole);
    }

    /**
     * Encodes a batch of 16384 rows.
     *
     * @param blackhole consumes the batch
     */
    @Benchmark
    @OperationsPerInvocation(CodecFixtures.LARGE_BATCH)
    public void encode16384Rows(Blackhole blackhole) {
        encodeAndRelease(CodecFixtures.LARGE_BATCH, blackhole);
    }

    private void encodeAndRelease(int rowCount, Blackhole blackhole) {
        long estimatedBytes = 0;
        VectorSchemaRoot root = VectorSchemaRoot.create(arrowSchema, writerMemory);
        try {
            ArrowRowWriter writer = new ArrowRowWriter(validator, root);
            for (int i = 0; i < rowCount; i++) {
                Row row = rows[i];
                estimatedBytes += validator.estimatedSizeInBytes(row);
                writer.append(row);
            }
            ByteBuf batch = encoder.encodeAppendOnly(bytes, writer.finish(), table.schemaId(),
                    LogBatchHeader.NO_WRITER_ID, LogBatchHeader.NO_BATCH_SEQUENCE);
            try {
                blackhole.consume(batch.readableBytes());
                blackhole.consume(batch);
            } finally {
                batch.release();
            }
        } finally {
            root.close();
        }
        blackhole.consume(estimatedBytes);
    }
}
