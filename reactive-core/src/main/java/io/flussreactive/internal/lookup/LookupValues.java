package io.flussreactive.internal.lookup;

import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.meta.MetadataManager;
import io.flussreactive.internal.record.ValueDecoder;
import io.flussreactive.row.Row;
import io.flussreactive.type.RowType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The values lookups of one table get back, as rows of its current schema: each is decoded with the
 * schema it names, fetched once when a value first names it, and columns added since are null.
 */
final class LookupValues {

    private final MetadataManager metadata;
    private final TableInfo table;
    private final Map<Integer, RowType> schemas = new ConcurrentHashMap<>();
    private final ValueDecoder decoder;

    /**
     * @param metadata where schemas are fetched
     * @param table a primary-key table
     */
    LookupValues(MetadataManager metadata, TableInfo table) {
        this.metadata = metadata;
        this.table = table;
        this.decoder = new ValueDecoder(table.kvFormat(), schemas::get);
    }

    /**
     * Whether {@link #decodeNow} can decode a value: its schema was fetched already.
     *
     * @throws io.flussreactive.error.CorruptRecordException if the value is shorter than a schema id
     */
    boolean canDecodeNow(byte[] value) {
        return schemas.containsKey(ValueDecoder.schemaIdOf(value));
    }

    /** A value whose schema was fetched already (see {@link #canDecodeNow}), as a row of the current schema. */
    Row decodeNow(byte[] value) {
        return ValueDecoder.padded(decoder.decode(value).row(), table.rowType().fieldCount());
    }

    /** A value as a row of the current schema, once its schema is known. */
    Mono<Row> decode(byte[] value) {
        if (canDecodeNow(value)) {
            // The usual case: a value the flatMap can take without subscribing to anything.
            return Mono.just(decodeNow(value));
        }
        return schemaOf(ValueDecoder.schemaIdOf(value)).map(rowType -> decodeNow(value));
    }

    /** The values of a list, decoded. */
    Flux<Row> decodeAll(List<byte[]> values) {
        return Flux.fromIterable(values).concatMap(this::decode);
    }

    private Mono<RowType> schemaOf(int schemaId) {
        return metadata.schema(table.tablePath(), table.tableId(), schemaId)
                .map(info -> {
                    RowType type = info.schema().rowType();
                    schemas.put(schemaId, type);
                    return type;
                });
    }
}
