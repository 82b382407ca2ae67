package io.flussreactive.internal;

import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.bucket.RowBuckets;
import io.flussreactive.internal.fetch.DefaultScan;
import io.flussreactive.internal.fetch.LimitScan;
import io.flussreactive.internal.lookup.DefaultLookuper;
import io.flussreactive.internal.lookup.DefaultPrefixLookuper;
import io.flussreactive.internal.lookup.TableLookups;
import io.flussreactive.internal.write.Writers;
import io.flussreactive.lookup.LookupOptions;
import io.flussreactive.lookup.Lookuper;
import io.flussreactive.lookup.PrefixLookuper;
import io.flussreactive.row.Row;
import io.flussreactive.scan.Scan;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.UpsertWriter;
import io.flussreactive.write.WriterOptions;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Flux;

/** A {@link FlussTable} of a client: writers, lookupers and scans made from the client's shared parts. */
public final class DefaultFlussTable implements FlussTable {

    private final ClientContext context;
    private final TableInfo info;
    /** Made on first use of {@link #bucketOf}: most tables never need it. */
    private volatile RowBuckets buckets;

    /**
     * Built by the client.
     *
     * @param context the client's shared parts
     * @param info the table's description
     */
    public DefaultFlussTable(ClientContext context, TableInfo info) {
        this.context = Objects.requireNonNull(context, "context");
        this.info = Objects.requireNonNull(info, "info");
    }

    @Override
    public TableInfo info() {
        return info;
    }

    @Override
    public TablePath path() {
        return info.tablePath();
    }

    @Override
    public AppendWriter appendWriter() {
        return appendWriter(context.options().writerDefaults());
    }

    @Override
    public AppendWriter appendWriter(WriterOptions options) {
        return Writers.appendWriter(context, info, Objects.requireNonNull(options, "options"));
    }

    @Override
    public UpsertWriter upsertWriter() {
        return upsertWriter(context.options().writerDefaults());
    }

    @Override
    public UpsertWriter upsertWriter(WriterOptions options) {
        return Writers.upsertWriter(context, info, Objects.requireNonNull(options, "options"), null);
    }

    @Override
    public UpsertWriter partialUpdateWriter(WriterOptions options, String... columns) {
        return Writers.upsertWriter(context, info, Objects.requireNonNull(options, "options"), List.of(columns));
    }

    @Override
    public UpsertWriter partialUpdateWriter(String... columns) {
        return partialUpdateWriter(context.options().writerDefaults(), columns);
    }

    @Override
    public Lookuper lookuper() {
        return lookuper(context.options().lookupDefaults());
    }

    @Override
    public Lookuper lookuper(LookupOptions options) {
        Objects.requireNonNull(options, "options");
        return new DefaultLookuper(context.lookups().of(context, info, options), options);
    }

    @Override
    public PrefixLookuper prefixLookuper(String... columns) {
        TableLookups lookups = context.lookups().of(context, info, context.options().lookupDefaults());
        return new DefaultPrefixLookuper(lookups, lookups.prefixKey(List.of(columns)));
    }

    @Override
    public Flux<Row> limitScan(int bucket, int limit) {
        return LimitScan.rows(context, info, null, bucket, limit);
    }

    @Override
    public Flux<Row> limitScan(String partitionName, int bucket, int limit) {
        return LimitScan.rows(context, info, Objects.requireNonNull(partitionName, "partitionName"), bucket, limit);
    }

    @Override
    public int bucketOf(Row rowOrKey) {
        RowBuckets known = buckets;
        if (known == null) {
            known = new RowBuckets(info);
            buckets = known;
        }
        return known.bucketOf(Objects.requireNonNull(rowOrKey, "rowOrKey"));
    }

    @Override
    public Scan scan() {
        return DefaultScan.of(context, info);
    }

    @Override
    public String toString() {
        return "FlussTable{" + info.tablePath() + ", id " + info.tableId() + "}";
    }
}
