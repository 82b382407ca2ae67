package io.flussreactive;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.util.Native;
import io.flussreactive.admin.ArrowCompression;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.AppendWriter;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Creating a client on a thread that must not block. */
@ExtendWith(FlussClusterExtension.class)
class ClientCreateIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("client_create");

    /** Far longer than creating a client takes, far shorter than the test's timeout. */
    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aClientIsCreatedOnANonBlockingThreadWithoutWaitingForTheZstdLibraryAndThenWritesAndReadsAZstdTable() {
        TablePath path = db.createTable("zstd_log", TableDescriptor.builder()
                .schema(Schema.newBuilder().column("id", DataTypes.INT()).column("name", DataTypes.STRING()).build())
                .distributedBy(2)
                .logCompression(ArrowCompression.ZSTD, 3)
                .build());
        FlussClient client;
        // zstd-jni loads its native library in a method synchronized on its Native class. Holding that
        // lock makes a create() that loads the library wait, whether or not an earlier test of this JVM
        // loaded it already (then BlockHound, which fails blocking calls on parallel threads, cannot see it).
        synchronized (Native.class) {
            client = Mono.fromCallable(() -> TestClients.client(db.cluster()))
                    .subscribeOn(Schedulers.parallel())
                    .block(CREATE_TIMEOUT);
        }
        try {
            List<Row> rows = IntStream.range(0, 100).<Row>mapToObj(i -> GenericRow.of(i, "name-" + i)).toList();
            FlussTable table = client.table(path).block(TIMEOUT);
            AppendWriter writer = table.appendWriter();
            writer.writeRows(Flux.fromIterable(rows)).then().block(TIMEOUT);
            writer.close().block(TIMEOUT);

            List<Row> read = table.scan().untilLatest().records()
                    .map(r -> (Row) GenericRow.copyOf(r.row()))
                    .collectList()
                    .block(TIMEOUT);
            assertThat(read).containsExactlyInAnyOrderElementsOf(rows);
        } finally {
            client.close().block(TIMEOUT);
        }
    }
}
