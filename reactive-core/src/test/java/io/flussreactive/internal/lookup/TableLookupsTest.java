package io.flussreactive.internal.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.FlussClientOptions;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.error.ErrorCode;
import io.flussreactive.internal.ClientContext;
import io.flussreactive.internal.meta.BucketLocation;
import io.flussreactive.internal.meta.KnownLeaders;
import io.flussreactive.internal.meta.MetadataManager;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.meta.ServerAddress;
import io.flussreactive.internal.meta.TableLocations;
import io.flussreactive.internal.proto.LookupRequest;
import io.flussreactive.internal.proto.LookupResponse;
import io.flussreactive.internal.proto.PbLookupRespForBucket;
import io.flussreactive.internal.proto.PbValue;
import io.flussreactive.internal.record.KeyEncoders;
import io.flussreactive.internal.retry.Retries;
import io.flussreactive.internal.rpc.ApiKey;
import io.flussreactive.internal.rpc.ApiMethods;
import io.flussreactive.internal.rpc.RpcClient;
import io.flussreactive.internal.rpc.ScriptedServer.Exchange;
import io.flussreactive.internal.rpc.ScriptedServer;
import io.flussreactive.internal.rpc.TransportOptions;
import io.flussreactive.internal.telemetry.ClientTelemetry;
import io.flussreactive.lookup.LookupOptions;
import io.flussreactive.row.GenericRow;
import io.flussreactive.table.TablePath;
import io.flussreactive.type.DataTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

/**
 * How lookups find their leader: a leader found before is used without asking the cluster, and an
 * answer saying it moved makes the lookups forget it. Against a leader the test answers, and a
 * cluster that nobody serves, so that any metadata request would show.
 */
class TableLookupsTest {

    private static final TablePath PATH = TablePath.of("db", "orders");
    private static final long TABLE_ID = 7;
    private static final int LEADER_ID = 1;
    private static final TableInfo TABLE = TableInfo.of(PATH, TABLE_ID, 1, TableDescriptor.builder()
            .schema(Schema.newBuilder()
                    .column("id", DataTypes.BIGINT())
                    .column("name", DataTypes.STRING())
                    .primaryKey("id")
                    .build())
            .distributedBy(1)
            .build(), 0L, 0L);

    private final RpcClient rpc = new RpcClient(new TransportOptions(Duration.ofSeconds(1), Duration.ofSeconds(1), 1 << 20, 1));
    private final MetadataManager metadata = new MetadataManager(rpc, List.of(ServerAddress.parse("127.0.0.1:1")));
    private final ScriptedServer leader = new ScriptedServer("leader");
    private final KnownLeaders known = new KnownLeaders();
    private final TableLookups lookups = new TableLookups(
            new ClientContext(FlussClientOptions.builder().bootstrapServers("127.0.0.1:1").build(), metadata,
                    null, null, null, null, null, null, Retries.defaults(), ClientTelemetry.NONE, null),
            TABLE, LookupOptions.defaults(), known);

    @AfterEach
    void close() {
        rpc.close().block(Duration.ofSeconds(5));
    }

    @Test
    void aLookupWhoseLeaderIsKnownGoesStraightToItWithoutAMetadataRequest() {
        knowTheLeader();

        StepVerifier.create(lookups.lookup(GenericRow.of(3L), false))
                .then(() -> {
                    Exchange<LookupRequest, LookupResponse> request = leader.expect(ApiMethods.LOOKUP);
                    assertThat(request.request().getTableId()).isEqualTo(TABLE_ID);
                    assertThat(request.request().getBucketsReq(0).getKeys(0).toByteArray())
                            .isEqualTo(KeyEncoders.primaryKey(TABLE).encode(GenericRow.of(3L, null)));
                    // No value: the key is not there.
                    request.respond(LookupResponse.newBuilder().addBucketsResp(
                            PbLookupRespForBucket.newBuilder().setBucketId(0).addValues(PbValue.getDefaultInstance())).build());
                })
                .verifyComplete();

        assertThat(rpc.requestsSent(ApiKey.GET_METADATA)).isZero();
        leader.expectNoMoreRequests();
    }

    @Test
    void anAnswerSayingTheLeaderMovedMakesLookupsForgetIt() {
        knowTheLeader();

        Disposable lookup = lookups.lookup(GenericRow.of(3L), false).subscribe(row -> { }, error -> { });
        leader.expect(ApiMethods.LOOKUP).respond(LookupResponse.newBuilder().addBucketsResp(
                PbLookupRespForBucket.newBuilder().setBucketId(0)
                        .setErrorCode(ErrorCode.NOT_LEADER_OR_FOLLOWER.code()).setErrorMessage("moved")).build());

        assertThat(known.locations(PhysicalBucket.NO_PARTITION)).isNull();
        assertThat(known.server(LEADER_ID)).isNull();
        lookup.dispose();
    }

    private void knowTheLeader() {
        known.putServer(LEADER_ID, leader);
        known.put(new TableLocations(PATH, TABLE_ID, PhysicalBucket.NO_PARTITION, null,
                Map.of(0, new BucketLocation(0, LEADER_ID, List.of(LEADER_ID), 0))));
    }
}
