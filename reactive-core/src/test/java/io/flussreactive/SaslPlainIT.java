package io.flussreactive;

import static io.flussreactive.SaslUsers.ALICE;
import static io.flussreactive.SaslUsers.ALICE_PASSWORD;
import static io.flussreactive.SaslUsers.BOB;
import static io.flussreactive.SaslUsers.BOB_PASSWORD;
import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.error.AuthenticationException;
import io.flussreactive.error.ErrorCode;
import io.flussreactive.lookup.Lookuper;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterConfig;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.test.TcpProxy;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.UpsertWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A cluster whose client listeners require SASL/PLAIN: a client with a user's credentials does
 * everything it does on an open cluster; wrong credentials, an unknown user and missing credentials
 * fail at once, each with an {@link AuthenticationException} that says what to fix, and nothing is
 * retried.
 */
@ExtendWith(FlussClusterExtension.class)
@FlussClusterConfig(tabletServers = SaslUsers.TABLET_SERVERS,
        saslPlainUsers = {SaslUsers.ALICE_ENTRY, SaslUsers.BOB_ENTRY})
class SaslPlainIT {

    /** A request timeout no failure of these tests should come near. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** How long a refused client may take to fail: far below the request timeout. */
    private static final Duration FAIL_FAST = Duration.ofSeconds(5);

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("sasl")
            .withClientOptions(() -> FlussClientOptions.builder().saslPlain(ALICE, ALICE_PASSWORD));

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeClientsAndProxies() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void adminCallsWorkWithCredentials() {
        TablePath path = db.path("ddl");
        TableDescriptor descriptor = TableDescriptor.builder()
                .schema(Schema.newBuilder().column("id", DataTypes.INT()).column("name", DataTypes.STRING()).build())
                .distributedBy(2)
                .build();

        db.admin().createTable(path, descriptor, false).block(TIMEOUT);

        assertThat(db.admin().listDatabases().collectList().block(TIMEOUT)).contains(db.name());
        assertThat(db.admin().tableExists(path).block(TIMEOUT)).isTrue();
        assertThat(db.admin().listTables(db.name()).collectList().block(TIMEOUT)).contains("ddl");
        TableInfo info = db.admin().describeTable(path).block(TIMEOUT);
        assertThat(info.schema().columns()).hasSize(2);
        assertThat(db.admin().serverNodes().collectList().block(TIMEOUT)).hasSize(3);
        db.admin().dropTable(path, false).block(TIMEOUT);
        assertThat(db.admin().tableExists(path).block(TIMEOUT)).isFalse();
    }

    @Test
    void appendsAreScannedBackWithCredentials() {
        TablePath path = db.createTable("log", TableDescriptor.builder()
                .schema(Schema.newBuilder().column("id", DataTypes.INT()).column("name", DataTypes.STRING()).build())
                .distributedBy(2)
                .build());
        FlussTable table = db.table("log");
        List<Row> rows = IntStream.range(0, 500).<Row>mapToObj(i -> GenericRow.of(i, "name-" + i)).toList();

        AppendWriter writer = table.appendWriter();
        writer.writeRows(Flux.fromIterable(rows)).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);
        List<Row> read = table.scan().untilLatest().records().map(r -> (Row) GenericRow.copyOf(r.row()))
                .collectList().block(TIMEOUT);

        assertThat(read).containsExactlyInAnyOrderElementsOf(rows);
        assertThat(db.admin().listOffsets(path, List.of(0, 1), OffsetSpec.latest()).block(TIMEOUT).values()
                .stream().mapToLong(Long::longValue).sum()).isEqualTo(rows.size());
    }

    @Test
    void upsertsAreLookedUpWithCredentials() {
        db.createTable("pk", TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.BIGINT())
                        .column("amount", DataTypes.DOUBLE())
                        .primaryKey("id")
                        .build())
                .distributedBy(2)
                .build());
        FlussTable table = db.table("pk");

        UpsertWriter writer = table.upsertWriter();
        writer.writeRows(Flux.range(0, 100).map(i -> GenericRow.of((long) i, i * 1.5))).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);
        Lookuper lookuper = table.lookuper();

        assertThat(lookuper.lookup(GenericRow.of(7L)).block(TIMEOUT)).isEqualTo(GenericRow.of(7L, 10.5));
        assertThat(lookuper.lookup(GenericRow.of(1000L)).blockOptional(TIMEOUT)).isEmpty();
    }

    @Test
    void anotherUserWithQuotesAndABackslashInItsPasswordAuthenticatesToo() {
        FlussClient bob = client(FlussClientOptions.builder().saslPlain(BOB, BOB_PASSWORD));

        assertThat(bob.admin().databaseExists(db.name()).block(TIMEOUT)).isTrue();
    }

    @Test
    void aWrongPasswordFailsEveryWaitingCallAtOnceWithoutRetries() {
        Proxied proxied = proxiedClient(FlussClientOptions.builder().saslPlain(ALICE, "not-the-password"));

        // Calls made together share the one connection being opened, and fail with its refusal.
        List<Throwable> failures = failuresOf(proxied.client(), 5);

        assertThat(failures).hasSize(5).allSatisfy(failure -> assertRefused(failure, ALICE, proxied.coordinator()));
        assertNothingRetried(proxied);
    }

    @Test
    void anUnknownUserFailsAtOnceWithoutRetries() {
        Proxied proxied = proxiedClient(FlussClientOptions.builder().saslPlain("mallory", ALICE_PASSWORD));

        List<Throwable> failures = failuresOf(proxied.client(), 1);

        assertRefused(failures.get(0), "mallory", proxied.coordinator());
        assertNothingRetried(proxied);
    }

    @Test
    void aClientWithoutCredentialsIsToldToSetThem() {
        Proxied proxied = proxiedClient(FlussClientOptions.builder());

        Throwable failure = failuresOf(proxied.client(), 1).get(0);

        assertThat(failure).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("requires SASL authentication")
                .hasMessageContaining(proxied.coordinator().address())
                .hasMessageContaining("saslPlain(username, password)");
        assertThat(((AuthenticationException) failure).isRetriable()).isFalse();
        assertNothingRetried(proxied);
    }

    /** Starts {@code calls} calls at once and waits for them to fail; each must fail well within {@link #FAIL_FAST}. */
    private static List<Throwable> failuresOf(FlussClient client, int calls) {
        long start = System.nanoTime();
        List<Throwable> failures = Flux.range(0, calls)
                .flatMap(i -> client.admin().listDatabases().collectList()
                        .<Throwable>flatMap(listed -> Mono.error(new AssertionError("Listed databases: " + listed)))
                        .onErrorResume(failure -> !(failure instanceof AssertionError), Mono::just))
                .collectList()
                .block(TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAIL_FAST);
        return failures;
    }

    private static void assertRefused(Throwable failure, String user, TcpProxy server) {
        assertThat(failure).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("user '" + user + "'")
                .hasMessageContaining(server.address())
                .hasMessageContaining("Invalid username or password");
        AuthenticationException refused = (AuthenticationException) failure;
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.AUTHENTICATE_EXCEPTION);
        assertThat(refused.isRetriable()).isFalse();
    }

    /**
     * The client opened one connection, to the first bootstrap server, and no other, not even a
     * moment later: the refusal was neither retried nor tried on the other servers.
     */
    private static void assertNothingRetried(Proxied proxied) {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(proxied.coordinator().acceptedCount()).isEqualTo(1);
        assertThat(proxied.tabletServers()).allSatisfy(proxy -> assertThat(proxy.acceptedCount()).isZero());
    }

    private FlussClient client(FlussClientOptions.Builder options) {
        FlussClient client = TestClients.client(db.cluster(), options);
        toClose.add(() -> client.close().block(TIMEOUT));
        return client;
    }

    /** A client that reaches every server through a proxy of its own, which counts the connections. */
    private Proxied proxiedClient(FlussClientOptions.Builder options) {
        EmbeddedFlussCluster cluster = db.cluster();
        Map<String, TcpProxy> proxies = new HashMap<>();
        for (String address : cluster.bootstrapServers().split(",")) {
            TcpProxy proxy = startProxy(address);
            toClose.add(proxy);
            proxies.put(address, proxy);
        }
        FlussClient client = TestClients.clientVia(cluster, options.requestTimeout(REQUEST_TIMEOUT),
                address -> proxies.get(address).address());
        toClose.add(() -> client.close().block(TIMEOUT));
        List<TcpProxy> tabletServers = new ArrayList<>(proxies.values());
        TcpProxy coordinator = proxies.get(cluster.coordinatorAddress());
        tabletServers.remove(coordinator);
        return new Proxied(client, coordinator, tabletServers);
    }

    private static TcpProxy startProxy(String address) {
        try {
            return TcpProxy.start(address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client and the proxies in front of the servers it reaches. */
    private record Proxied(FlussClient client, TcpProxy coordinator, List<TcpProxy> tabletServers) {
    }
}
