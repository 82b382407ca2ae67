package io.flussreactive.samples;

import io.flussreactive.FlussClient;
import io.flussreactive.admin.DatabaseDescriptor;
import io.flussreactive.admin.FlussAdmin;
import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.ServerNode;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.type.DataTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Starts a real Fluss cluster in this JVM, then uses the client's admin API on it: creates a database
 * and a table, describes and lists them, and looks up the table's offsets.
 *
 * <p>Run it with {@code ./mvnw -q -Pquickstart -DskipTests verify} from the repository root.
 */
public final class Quickstart {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Quickstart() {
    }

    /**
     * Runs the quickstart.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        long start = System.nanoTime();
        try (EmbeddedFlussCluster cluster = EmbeddedFlussCluster.builder().build().start()) {
            System.out.printf("Embedded Fluss cluster started in %d ms: bootstrap.servers=%s%n",
                    (System.nanoTime() - start) / 1_000_000, cluster.bootstrapServers());
            FlussClient client = FlussClient.create(cluster.bootstrapServers());
            try {
                run(client.admin());
            } finally {
                client.close().block(TIMEOUT);
            }
        }
    }

    private static void run(FlussAdmin admin) {
        TablePath orders = TablePath.of("shop", "orders");
        TableDescriptor descriptor = TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("order_id", DataTypes.BIGINT())
                        .column("customer", DataTypes.STRING())
                        .column("amount", DataTypes.DECIMAL(12, 2))
                        .column("items", DataTypes.ARRAY(DataTypes.STRING()))
                        .column("placed_at", DataTypes.TIMESTAMP_LTZ(3))
                        .primaryKey("order_id")
                        .build())
                .comment("orders of the web shop")
                .distributedBy(3)
                .build();

        // One reactive pipeline; the main thread waits for it once, at the edge of the program.
        Mono<Report> report = admin.createDatabase("shop", DatabaseDescriptor.builder().comment("demo").build(), true)
                .then(admin.createTable(orders, descriptor, true))
                .then(Mono.zip(
                        admin.describeTable(orders),
                        admin.listDatabases().collectList(),
                        admin.listTables("shop").collectList(),
                        admin.serverNodes().collectList(),
                        admin.listOffsets(orders, List.of(0, 1, 2), OffsetSpec.latest())))
                .map(all -> new Report(all.getT1(), all.getT2(), all.getT3(), all.getT4(), all.getT5()));

        report.block(TIMEOUT).print();
    }

    /** What the quickstart found, printed at the end. */
    private record Report(
            TableInfo table,
            List<String> databases,
            List<String> tables,
            List<ServerNode> servers,
            Map<Integer, Long> latestOffsets) {

        void print() {
            System.out.println();
            System.out.println("Servers:");
            servers.forEach(s -> System.out.printf("  %-13s id=%d %s%n", s.serverType(), s.id(), s.address()));
            System.out.println("Databases: " + databases);
            System.out.println("Tables in 'shop': " + tables);
            System.out.println();
            System.out.println("Table " + table.tablePath() + " (id " + table.tableId() + ", schema " + table.schemaId() + ")");
            table.schema().columns().forEach(c -> System.out.printf("  %-10s %s%n", c.name(), c.dataType()));
            System.out.println("  primary key:  " + table.primaryKey());
            System.out.println("  bucket keys:  " + table.bucketKeys() + " in " + table.numBuckets() + " buckets");
            System.out.println("  comment:      " + table.comment().orElse("-"));
            System.out.println("  properties:   " + table.properties());
            System.out.println("  latest offsets by bucket: " + latestOffsets);
        }
    }
}
