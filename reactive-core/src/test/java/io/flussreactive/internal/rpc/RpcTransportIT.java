package io.flussreactive.internal.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flussreactive.error.FlussException;
import io.flussreactive.error.NetworkException;
import io.flussreactive.error.TimeoutException;
import io.flussreactive.internal.meta.ServerAddress;
import io.flussreactive.internal.proto.DatabaseExistsRequest;
import io.flussreactive.internal.proto.DatabaseExistsResponse;
import io.flussreactive.internal.proto.ListDatabasesRequest;
import io.flussreactive.internal.proto.ListDatabasesResponse;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.test.TcpProxy;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The transport against a real coordinator, directly and through a proxy that can stall or cut the connection. */
@ExtendWith(FlussClusterExtension.class)
class RpcTransportIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ServerAddress coordinator;
    private TcpProxy proxy;
    private RpcClient rpc;

    RpcTransportIT(EmbeddedFlussCluster cluster) {
        this.coordinator = ServerAddress.parse(cluster.coordinatorAddress());
    }

    @BeforeEach
    void startProxy() throws Exception {
        proxy = TcpProxy.start(coordinator.host(), coordinator.port());
        rpc = new RpcClient(new TransportOptions(Duration.ofSeconds(5), Duration.ofSeconds(10), 64 * 1024 * 1024, 2));
    }

    @AfterEach
    void stopProxy() throws Exception {
        rpc.close().block(WAIT);
        proxy.close();
    }

    private NodeClient throughProxy() {
        return rpc.node("127.0.0.1", proxy.port());
    }

    private static Mono<DatabaseExistsResponse> exists(NodeClient node, String database) {
        return node.send(ApiMethods.DATABASE_EXISTS, DatabaseExistsRequest.newBuilder().setDatabaseName(database).build());
    }

    @Test
    void manyConcurrentRequestsShareOneConnectionAndAllComplete() {
        NodeClient node = throughProxy();
        int requests = 2_000;

        List<Boolean> answers = Flux.range(0, requests)
                .flatMap(i -> exists(node, "fluss_db_" + i).map(DatabaseExistsResponse::getExists), requests)
                .collectList()
                .block(WAIT);

        assertThat(answers).hasSize(requests).containsOnly(false);
        assertThat(proxy.acceptedCount()).isEqualTo(1);
    }

    @Test
    void eachLaneIsAConnectionOfItsOwnAndAKeyAlwaysGetsTheSameLane() {
        NodeClient node = throughProxy();

        assertThat(node.lane(0)).isSameAs(node).isSameAs(node.lane(2)).isSameAs(node.lane(-2));
        assertThat(node.lane(1)).isNotSameAs(node).isSameAs(node.lane(3)).isSameAs(node.lane(-1));
        assertThat(node.lane(1).lane(0)).isSameAs(node);

        exists(node, "first").block(WAIT);
        exists(node.lane(2), "same_lane").block(WAIT);
        assertThat(proxy.acceptedCount()).isEqualTo(1);
        assertThat(node.lane(1).isConnected()).isFalse();

        exists(node.lane(1), "second_lane").block(WAIT);
        assertThat(proxy.acceptedCount()).isEqualTo(2);
        assertThat(node.lane(1).isConnected()).isTrue();

        // Closing a server's client closes every lane of it.
        node.close().block(WAIT);
        assertThat(node.isConnected()).isFalse();
        assertThat(node.lane(1).isConnected()).isFalse();
        assertThatThrownBy(() -> exists(node.lane(1), "after_close").block(WAIT))
                .isInstanceOf(NetworkException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aDroppedConnectionFailsItsPendingRequestsRetriablyAndTheNextRequestReconnects() {
        NodeClient node = throughProxy();
        exists(node, "warm_up").block(WAIT);
        proxy.pause();

        AtomicInteger failed = new AtomicInteger();
        StepVerifier.create(Flux.range(0, 10).flatMap(i -> exists(node, "in_flight_" + i)
                        .onErrorResume(error -> {
                            assertThat(error).isInstanceOf(NetworkException.class);
                            assertThat(((FlussException) error).isRetriable()).isTrue();
                            assertThat(error.getMessage()).contains("127.0.0.1:" + proxy.port());
                            failed.incrementAndGet();
                            return Mono.empty();
                        })))
                .then(() -> proxy.dropConnections())
                .expectComplete()
                .verify(WAIT);
        assertThat(failed).hasValue(10);

        proxy.resume();
        assertThat(exists(node, "after_reconnect").block(WAIT).getExists()).isFalse();
        assertThat(proxy.acceptedCount()).isEqualTo(2);
    }

    @Test
    void aRequestTheServerNeverAnswersFailsWithATimeout() {
        RpcClient impatient = new RpcClient(new TransportOptions(Duration.ofSeconds(5), Duration.ofMillis(500), 1 << 20, 1));
        try {
            NodeClient node = impatient.node(coordinator.host(), coordinator.port());
            // A message missing a required field cannot be parsed by the server, which then drops it silently.
            DatabaseExistsRequest unparsable = DatabaseExistsRequest.newBuilder().buildPartial();

            assertThatThrownBy(() -> node.send(ApiMethods.DATABASE_EXISTS, unparsable).block(WAIT))
                    .isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("DATABASE_EXISTS")
                    .hasMessageContaining("500 ms")
                    .satisfies(e -> assertThat(((FlussException) e).isRetriable()).isTrue());
            // The timeout dropped the connection (the server may never answer on it); the next request
            // gets a new one.
            await("connection dropped").atMost(WAIT).until(() -> !node.isConnected());
            assertThat(exists(node, "on_a_new_connection").block(WAIT).getExists()).isFalse();
        } finally {
            impatient.close().block(WAIT);
        }
    }

    @Test
    void aStalledServerMakesRequestsTimeOut() {
        RpcClient impatient = new RpcClient(new TransportOptions(Duration.ofSeconds(5), Duration.ofMillis(300), 1 << 20, 1));
        try {
            NodeClient node = impatient.node("127.0.0.1", proxy.port());
            exists(node, "warm_up").block(WAIT);
            proxy.pause();

            assertThatThrownBy(() -> exists(node, "stalled").block(WAIT)).isInstanceOf(TimeoutException.class);

            // The timeout dropped the stalled connection; once the server answers again, the next
            // request reconnects instead of waiting on the old one.
            await("connection dropped").atMost(WAIT).until(() -> !node.isConnected());
            proxy.resume();
            assertThat(exists(node, "after_the_stall").block(WAIT).getExists()).isFalse();
            assertThat(proxy.acceptedCount()).isEqualTo(2);
        } finally {
            impatient.close().block(WAIT);
        }
    }

    @Test
    void connectingToAClosedPortFailsWithTheAddressInTheMessage() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        NodeClient node = rpc.node("127.0.0.1", closedPort);

        assertThatThrownBy(() -> node.send(ApiMethods.LIST_DATABASES, ListDatabasesRequest.getDefaultInstance()).block(WAIT))
                .isInstanceOf(NetworkException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort);
    }

    @Test
    void closeFailsLaterRequestsAndCanBeCalledTwice() {
        NodeClient node = throughProxy();
        ListDatabasesResponse databases =
                node.send(ApiMethods.LIST_DATABASES, ListDatabasesRequest.getDefaultInstance()).block(WAIT);
        assertThat(databases).isNotNull();

        rpc.close().block(WAIT);
        rpc.close().block(WAIT);

        assertThat(node.isConnected()).isFalse();
        assertThatThrownBy(() -> exists(node, "after_close").block(WAIT))
                .isInstanceOf(NetworkException.class)
                .hasMessageContaining("closed");
    }
}
