package io.flussreactive.write;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.TestDatabase;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.scan.ScanRecord;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

@ExtendWith(FlussClusterExtension.class)
class AppendAndScanIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("append");

    @Test
    void rowsWrittenAreScannedBackExactlyOnce() {
        TablePath path = db.createTable("events", TableDescriptor.builder()
                        .schema(Schema.newBuilder()
                                .column("id", DataTypes.INT())
                                .column("name", DataTypes.STRING())
                                .column("score", DataTypes.DOUBLE())
                                .column("ts", DataTypes.BIGINT())
                                .build())
                        .distributedBy(3)
                        .build());
        FlussTable table = db.client().table(path).block(TIMEOUT);
        AppendWriter writer = table.appendWriter();
        int rows = 10_000;

        List<WriteResult<Integer>> results = writer.write(Flux.range(0, rows)
                        .map(i -> WriteRecord.of(GenericRow.of(i, "name-" + i, i * 0.5, (long) i), i)))
                .collectList()
                .block(TIMEOUT);
        writer.close().block(TIMEOUT);

        assertThat(results).hasSize(rows).allSatisfy(r -> assertThat(r.isSuccess()).as("%s", r).isTrue());
        assertThat(results.stream().map(WriteResult::correlation).collect(Collectors.toSet())).hasSize(rows);
        List<ScanRecord> read = table.scan().untilLatest().records().collectList().block(TIMEOUT);
        assertThat(read).hasSize(rows);
        Set<Integer> ids = read.stream().map(r -> r.row().getInt(0)).collect(Collectors.toSet());
        assertThat(ids).hasSize(rows);
        Row first = read.stream().filter(r -> r.row().getInt(0) == 7).findFirst().orElseThrow().row();
        assertThat(first).isEqualTo(GenericRow.of(7, "name-7", 3.5, 7L));
        assertThat(db.client().arrowMemoryInUse()).isZero();
    }
}
