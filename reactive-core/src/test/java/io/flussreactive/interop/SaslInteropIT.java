package io.flussreactive.interop;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.FlussClientOptions;
import io.flussreactive.SaslUsers;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.row.GenericRow;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterConfig;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.AppendWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

/**
 * On a cluster that requires SASL/PLAIN, the official client, authenticated too, reads what we wrote.
 *
 * <p>It authenticates as alice, whose password is plain: the official 0.9.1 client puts the password
 * into a JAAS configuration line without escaping it, so it cannot use bob's, which holds quotes.
 */
@ExtendWith(FlussClusterExtension.class)
@FlussClusterConfig(tabletServers = SaslUsers.TABLET_SERVERS,
        saslPlainUsers = {SaslUsers.ALICE_ENTRY, SaslUsers.BOB_ENTRY})
class SaslInteropIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("sasl_interop")
            .withClientOptions(() -> FlussClientOptions.builder().saslPlain(SaslUsers.BOB, SaslUsers.BOB_PASSWORD));

    @Test
    void theOfficialClientReadsWhatWeWroteOverSasl(EmbeddedFlussCluster cluster) throws Exception {
        TablePath path = db.createTable("ours", TableDescriptor.builder()
                .schema(Schema.newBuilder().column("id", DataTypes.INT()).column("name", DataTypes.STRING()).build())
                .distributedBy(2)
                .build());
        List<GenericRow> rows = IntStream.range(0, 200).mapToObj(i -> GenericRow.of(i, "name-" + i)).toList();
        FlussTable table = db.table("ours");
        AppendWriter writer = table.appendWriter();
        writer.writeRows(Flux.fromIterable(rows)).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);

        try (OfficialClient official = OfficialClient.connect(cluster, Map.of(
                "client.security.protocol", "SASL",
                "client.security.sasl.mechanism", "PLAIN",
                "client.security.sasl.username", SaslUsers.ALICE,
                "client.security.sasl.password", SaslUsers.ALICE_PASSWORD))) {
            List<OfficialLogReader.Read> read = new OfficialLogReader(official).readAll(path, null, rows.size());

            assertThat(read).map(OfficialLogReader.Read::row).containsExactlyInAnyOrderElementsOf(rows);
        }
    }
}
