package io.flussreactive.table;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.TestDatabase;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.row.GenericRow;
import io.flussreactive.scan.RecordBatch;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

/** {@link FlussTable#bucketOf} names the bucket a writer puts a row in, without writing it. */
@ExtendWith(FlussClusterExtension.class)
class BucketOfIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("bucket_of");

    @Test
    void theBucketOfARowOrItsPrimaryKeyIsTheBucketItIsStoredIn() {
        FlussTable table = db.table(db.createTable("keyed", TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.BIGINT())
                        .column("name", DataTypes.STRING())
                        .primaryKey("id")
                        .build())
                .distributedBy(4)
                .build()).tableName());
        writeRows(table, 200);

        assertEveryStoredRowIsInItsBucket(table, 200);
        for (long id = 0; id < 200; id++) {
            assertThat(table.bucketOf(GenericRow.of(id))).isEqualTo(table.bucketOf(GenericRow.of(id, "n" + id)));
        }
    }

    @Test
    void aLogTableWithABucketKeyPutsEachRowInTheBucketOfItsKey() {
        FlussTable table = db.table(db.createTable("keyed_log", TableDescriptor.builder()
                .schema(Schema.newBuilder().column("id", DataTypes.BIGINT()).column("name", DataTypes.STRING()).build())
                .distributedBy(3, "id")
                .build()).tableName());
        writeRows(table, 200);

        assertEveryStoredRowIsInItsBucket(table, 200);
    }

    @Test
    void aLogTableWithoutABucketKeyHasNoBucketOfARowAndBadValuesAreNamed() {
        FlussTable table = db.table(db.createTable("spread_log", TableDescriptor.builder()
                .schema(Schema.newBuilder().column("id", DataTypes.BIGINT()).build())
                .distributedBy(3)
                .build()).tableName());
        FlussTable keyed = db.table(db.createTable("keyed_two", TableDescriptor.builder()
                .schema(Schema.newBuilder().column("id", DataTypes.BIGINT()).column("a", DataTypes.INT())
                        .column("b", DataTypes.INT()).primaryKey("id").build())
                .distributedBy(2)
                .build()).tableName());

        assertThatThrownBy(() -> table.bucketOf(GenericRow.of(1L)))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("no bucket key");
        assertThatThrownBy(() -> keyed.bucketOf(GenericRow.of(1L, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[id, a, b]")
                .hasMessageContaining("got 2 values");
    }

    private static void writeRows(FlussTable table, int rows) {
        List<Boolean> stored = (table.info().hasPrimaryKey()
                        ? table.upsertWriter().writeRows(Flux.range(0, rows).map(i -> GenericRow.of((long) i, "n" + i)))
                        : table.appendWriter().writeRows(Flux.range(0, rows).map(i -> GenericRow.of((long) i, "n" + i))))
                .map(result -> result.isSuccess())
                .collectList()
                .block(TIMEOUT);
        assertThat(stored).hasSize(rows).containsOnly(true);
    }

    private static void assertEveryStoredRowIsInItsBucket(FlussTable table, int rows) {
        List<Integer> checked = table.scan().untilLatest().batches()
                .concatMapIterable(batch -> {
                    try (RecordBatch b = batch) {
                        for (int i = 0; i < b.rowCount(); i++) {
                            assertThat(table.bucketOf(GenericRow.copyOf(b.row(i)))).as("bucket of row %s", b.row(i))
                                    .isEqualTo(b.bucket());
                        }
                        return List.of(b.rowCount());
                    }
                })
                .collectList()
                .block(TIMEOUT);
        assertThat(checked.stream().mapToInt(Integer::intValue).sum()).isEqualTo(rows);
    }
}
