package io.flussreactive.observation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.FlussClient;
import io.flussreactive.TestClients;
import io.flussreactive.admin.DatabaseDescriptor;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.lookup.Lookuper;
import io.flussreactive.row.GenericRow;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.UpsertWriter;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

/** Writes, scans and lookups of a client without registries need no Micrometer on the class path. */
@ExtendWith(FlussClusterExtension.class)
class WithoutMicrometerIT {

    @Test
    void writesScansAndLookupsRunWithoutMicrometer(EmbeddedFlussCluster cluster) throws Exception {
        String outcome = WithoutMicrometer.run(WriteScanLookUp.class,
                cluster.bootstrapServers() + ";" + TestClients.uniqueName("no_micrometer"));

        assertThat(outcome).isEqualTo("micrometer hidden; appended 100; scanned 100; found 10 of 20; closed");
    }

    /** Given {@code bootstrap;database}: writes to a log and a primary-key table, scans one, looks up the other. */
    public static final class WriteScanLookUp implements Function<String, String> {

        private static final Duration TIMEOUT = Duration.ofSeconds(60);

        @Override
        public String apply(String argument) {
            String[] parts = argument.split(";");
            StringBuilder outcome = new StringBuilder();
            try {
                Class.forName("io.micrometer.observation.ObservationRegistry");
                outcome.append("micrometer visible");
            } catch (ClassNotFoundException expected) {
                outcome.append("micrometer hidden");
            }
            FlussClient client = FlussClient.create(parts[0]);
            String database = parts[1];
            try {
                client.admin().createDatabase(database, DatabaseDescriptor.empty(), false).block(TIMEOUT);
                TablePath log = TablePath.of(database, "events");
                client.admin().createTable(log, TableDescriptor.builder()
                        .schema(Schema.newBuilder().column("id", DataTypes.INT()).build())
                        .distributedBy(2)
                        .build(), false).block(TIMEOUT);
                FlussTable events = client.table(log).block(TIMEOUT);
                AppendWriter appender = events.appendWriter();
                long appended = appender.writeRows(Flux.range(0, 100).map(GenericRow::of))
                        .filter(result -> result.isSuccess())
                        .count()
                        .block(TIMEOUT);
                appender.close().block(TIMEOUT);
                outcome.append("; appended ").append(appended);
                outcome.append("; scanned ").append(events.scan().untilLatest().records().count().block(TIMEOUT));

                TablePath keyed = TablePath.of(database, "keyed");
                client.admin().createTable(keyed, TableDescriptor.builder()
                        .schema(Schema.newBuilder().column("id", DataTypes.INT()).primaryKey("id").build())
                        .distributedBy(2)
                        .build(), false).block(TIMEOUT);
                FlussTable keys = client.table(keyed).block(TIMEOUT);
                UpsertWriter upserter = keys.upsertWriter();
                upserter.writeRows(Flux.range(0, 10).map(GenericRow::of)).then().block(TIMEOUT);
                upserter.close().block(TIMEOUT);
                Lookuper lookuper = keys.lookuper();
                long found = Flux.range(0, 20).flatMap(i -> lookuper.lookup(GenericRow.of(i))).count().block(TIMEOUT);
                outcome.append("; found ").append(found).append(" of 20");
                client.admin().dropDatabase(database, true, true).block(TIMEOUT);
            } finally {
                client.close().block(TIMEOUT);
            }
            return outcome.append("; closed").toString();
        }
    }
}
