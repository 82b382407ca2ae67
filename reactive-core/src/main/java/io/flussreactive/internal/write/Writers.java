package io.flussreactive.internal.write;

import io.flussreactive.admin.LogFormat;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.ClientContext;
import io.flussreactive.internal.bucket.BucketAssigner;
import io.flussreactive.internal.bucket.KeyBucketAssigner;
import io.flussreactive.internal.bucket.RoundRobinBucketAssigner;
import io.flussreactive.internal.bucket.StickyBucketAssigner;
import io.flussreactive.internal.record.KeyEncoders;
import io.flussreactive.internal.record.PartitionNames;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.BucketAssignment;
import io.flussreactive.write.WriterOptions;
import java.util.function.IntFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds writers from their parts. */
public final class Writers {

    private static final Logger log = LoggerFactory.getLogger(Writers.class);

    private Writers() {
    }

    /**
     * An append writer for a log table.
     *
     * @throws IllegalArgumentException when the table has a primary key
     * @throws UnsupportedOperationException when the table's log format is not ARROW
     */
    public static AppendWriter appendWriter(ClientContext context, TableInfo table, WriterOptions options) {
        if (table.hasPrimaryKey()) {
            throw new IllegalArgumentException("Table " + table.tablePath() + " has a primary key " + table.primaryKey()
                    + ": write to it with an upsert writer");
        }
        if (table.logFormat() != LogFormat.ARROW) {
            throw new UnsupportedOperationException("Writing to " + table.logFormat() + " log tables is not supported yet ("
                    + table.tablePath() + "); ARROW log tables are");
        }
        BufferAllocator allocator = context.arrowAllocator()
                .newChildAllocator("writer of " + table.tablePath(), 0, Long.MAX_VALUE);
        PartitionNames partitionNames = table.isPartitioned() ? PartitionNames.of(table) : null;
        PartitionResolver partitions = table.isPartitioned()
                ? new PartitionResolver(context.metadata(), context.admin(), table.tablePath(), table.partitionKeys(),
                        options.createMissingPartitions())
                : null;
        int serverTimeoutMs = (int) Math.max(1, context.options().requestTimeout().toMillis() / 2);
        LogWriter engine = new LogWriter(
                table,
                options,
                context.writeBuffer(),
                new ArrowLogBatchFormat(table, allocator),
                bucketChooser(table, options),
                partitionNames == null ? null : partitionNames::partitionName,
                partitions,
                context.metadata(),
                new ProduceLogRpc(table.tableId(), options.acks().wireValue(), serverTimeoutMs),
                () -> WriterIds.newWriterId(context.metadata(), table.tablePath()),
                context.byteBufAllocator(),
                () -> closeQuietly(allocator));
        return new AppendWriter(engine, options, table.rowType());
    }

    private static BucketChooser bucketChooser(TableInfo table, WriterOptions options) {
        if (!table.bucketKeys().isEmpty()) {
            return new AssignerBucketChooser(KeyEncoders.bucketKey(table), KeyBucketAssigner::new, table.numBuckets());
        }
        IntFunction<BucketAssigner> assigner = options.bucketAssignment() == BucketAssignment.ROUND_ROBIN
                ? RoundRobinBucketAssigner::new
                : StickyBucketAssigner::new;
        return new AssignerBucketChooser(null, assigner, table.numBuckets());
    }

    private static void closeQuietly(BufferAllocator allocator) {
        try {
            allocator.close();
        } catch (RuntimeException e) {
            // Memory still held means a batch was not released: report it, do not fail the close.
            log.error("A closed writer still holds Arrow memory: {}", e.getMessage());
        }
    }
}
