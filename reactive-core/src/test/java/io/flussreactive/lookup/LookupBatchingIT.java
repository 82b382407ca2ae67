package io.flussreactive.lookup;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.PartitionInfo;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.error.LookupQueueFullException;
import io.flussreactive.internal.rpc.ApiKey;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.table.FlussTable;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.test.TcpProxy;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.DemandProbe;
import io.flussreactive.write.UpsertWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * How lookups become requests: a lone lookup leaves at once in one request, lookups arriving while a
 * request is in flight leave together, {@code lookupAll} bounds the lookups in flight, and keys that
 * cannot be looked up fail before anything is sent. Assertions are on request counters, not on time.
 */
@ExtendWith(FlussClusterExtension.class)
class LookupBatchingIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("lookup_batching");

    /**
     * With nothing else in flight a lookup is one request, sent at once. The 5 s bound is not a speed
     * measurement: it only tells "sent at once" from "sent when a batching timer fires" (30 s would
     * never pass). Virtual time does not apply to real network I/O.
     */
    @Test
    void aLoneLookupSendsExactlyOneRequestAndDoesNotWaitForATimer() {
        FlussTable table = ordersTable("lone");
        write(table, Flux.just(GenericRow.of(1L, "one", 1.0)));
        Lookuper lookuper = table.lookuper();

        long before = lookups();
        Row found = lookuper.lookup(GenericRow.of(1L)).block(Duration.ofSeconds(5));

        assertThat(found).isEqualTo(GenericRow.of(1L, "one", 1.0));
        assertThat(lookups() - before).as("LOOKUP requests for one lookup").isEqualTo(1);

        long beforeMissing = lookups();
        assertThat(lookuper.lookup(GenericRow.of(2L)).blockOptional(Duration.ofSeconds(5))).isEmpty();
        assertThat(lookups() - beforeMissing).as("LOOKUP requests for one lookup of a missing key").isEqualTo(1);
    }

    @Test
    void lookupAllBatchesManyKeysIntoFewRequestsAndBoundsTheLookupsInFlight() {
        FlussTable table = ordersTable("many");
        int keys = 100_000;
        write(table, Flux.range(0, keys).map(LookupBatchingIT::orderRow));
        int concurrency = LookupOptions.defaults().lookupAllConcurrency();
        Lookuper lookuper = table.lookuper();
        AtomicLong delivered = new AtomicLong();
        AtomicLong mostInFlight = new AtomicLong();
        DemandProbe keysAsked = new DemandProbe();
        Flux<Row> keyStream = keysAsked.watch(Flux.range(0, keys).map(i -> GenericRow.of((long) i)), n -> {
            // Keys asked for and not answered yet: at least the lookups in flight.
            long inFlight = keysAsked.requested() - delivered.get();
            mostInFlight.accumulateAndGet(inFlight, Math::max);
            if (inFlight > concurrency) {
                keysAsked.violation(inFlight + " keys asked for and not answered, more than " + concurrency);
            }
        });

        long before = lookups();
        List<LookupResult> results = lookuper.lookupAll(keyStream)
                .doOnNext(result -> delivered.incrementAndGet())
                .collectList()
                .block(TIMEOUT);
        long requests = lookups() - before;

        assertThat(results).hasSize(keys);
        for (int i = 0; i < keys; i++) {
            LookupResult result = results.get(i);
            if (!result.key().equals(GenericRow.of((long) i)) || !result.found() || result.row().getLong(0) != i) {
                throw new AssertionError("result " + i + " is " + result);
            }
        }
        assertThat(keysAsked.violations()).isEmpty();
        assertThat(mostInFlight.get()).as("most keys in flight at once").isGreaterThan(1).isLessThanOrEqualTo(concurrency);
        assertThat(requests).as("LOOKUP requests for %d keys", keys).isLessThan(keys / 10);
    }

    @Test
    void lookupAllWithConcurrencyOneLooksUpOneKeyPerRequest() {
        FlussTable table = ordersTable("one_at_a_time");
        int keys = 500;
        write(table, Flux.range(0, keys).map(i -> GenericRow.of((long) i, "c", 1.0)));
        Lookuper lookuper = table.lookuper(LookupOptions.builder().lookupAllConcurrency(1).build());

        long before = lookups();
        Long found = lookuper.lookupAll(Flux.range(0, keys).map(i -> GenericRow.of((long) i)))
                .filter(LookupResult::found)
                .count()
                .block(TIMEOUT);

        assertThat(found).isEqualTo(keys);
        // Never two lookups at once, so nothing to batch: one request each.
        assertThat(lookups() - before).isEqualTo(keys);
    }

    @Test
    void withOneRequestInFlightLookupsArrivingMeanwhileLeaveTogetherInOneRequest(EmbeddedFlussCluster cluster)
            throws Exception {
        // First request: the lone lookup. Second: everything that queued behind it.
        assertThat(requestsWhileAnswersAreHeld(cluster, "held_1", 1, 100)).isEqualTo(2);
    }

    @Test
    void withTwoRequestsInFlightTheSecondLookupLeavesAloneAndTheRestIsSharedByTheNextTwo(EmbeddedFlussCluster cluster)
            throws Exception {
        // Two lone lookups, then the 100 that queued split 51 + 49: each request takes an equal share
        // of the keys outstanding (one in flight and 100 waiting, then 51 in flight and 49 waiting).
        assertThat(requestsWhileAnswersAreHeld(cluster, "held_2", 2, 100)).isEqualTo(4);
    }

    /**
     * Lookups cancelled while they wait for room are not sent: with a request held in flight, nine
     * lookups that are then cancelled make no request of their own, and a tenth that is kept leaves
     * alone once the held answer frees the room.
     */
    @Test
    void lookupsCancelledBeforeTheyLeaveAreNotSent(EmbeddedFlussCluster cluster) throws Exception {
        withHeldAnswers(cluster, "cancelled", 12, 1, (lookuper, table, proxy, sent) -> {
            long before = sent.get();
            proxy.pauseResponses();
            CompletableFuture<Row> held = lookuper.lookup(GenericRow.of(0L)).toFuture();
            await("the first lookup sent").atMost(TIMEOUT).until(() -> sent.get() == before + 1);
            List<Disposable> cancelled = new ArrayList<>();
            for (int i = 1; i <= 9; i++) {
                cancelled.add(lookuper.lookup(GenericRow.of((long) i)).subscribe());
            }
            cancelled.forEach(Disposable::dispose);
            proxy.resume();
            assertThat(held.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(orderRow(0));
            settle();
            assertThat(sent.get() - before).as("requests after nine cancelled lookups").isEqualTo(1);

            proxy.pauseResponses();
            CompletableFuture<Row> second = lookuper.lookup(GenericRow.of(10L)).toFuture();
            await("the second lookup sent").atMost(TIMEOUT).until(() -> sent.get() == before + 2);
            List<Disposable> cancelledAgain = new ArrayList<>();
            for (int i = 1; i <= 9; i++) {
                cancelledAgain.add(lookuper.lookup(GenericRow.of((long) i)).subscribe());
            }
            CompletableFuture<Row> kept = lookuper.lookup(GenericRow.of(11L)).toFuture();
            cancelledAgain.forEach(Disposable::dispose);
            proxy.resume();
            assertThat(second.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(orderRow(10));
            assertThat(kept.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(orderRow(11));
            settle();
            assertThat(sent.get() - before).as("requests in all").isEqualTo(3);
            return null;
        });
    }

    /**
     * With one request in flight and one lookup waiting behind it, a lookup beyond
     * {@code maxWaitingKeys} fails at once with a retriable {@link LookupQueueFullException}; nothing it
     * did is in the way of the lookups already taken, and the same lookup succeeds once they are answered.
     */
    @Test
    void aLookupBeyondMaxWaitingKeysFailsAtOnceWithLookupQueueFullExceptionAndSucceedsLater(EmbeddedFlussCluster cluster)
            throws Exception {
        LookupOptions options = LookupOptions.builder().maxInFlightRequestsPerLeader(1).maxWaitingKeys(1).build();
        withHeldAnswers(cluster, "full_queue", 3, options, (lookuper, table, proxy, sent) -> {
            long before = sent.get();
            proxy.pauseResponses();
            CompletableFuture<Row> inFlight = lookuper.lookup(GenericRow.of(0L)).toFuture();
            await("the first lookup sent").atMost(TIMEOUT).until(() -> sent.get() == before + 1);
            CompletableFuture<Row> waiting = lookuper.lookup(GenericRow.of(1L)).toFuture();

            assertThatThrownBy(() -> lookuper.lookup(GenericRow.of(2L)).block(TIMEOUT))
                    .isInstanceOf(LookupQueueFullException.class)
                    .hasMessageContaining("1 lookups are already waiting")
                    .satisfies(e -> assertThat(((LookupQueueFullException) e).isRetriable()).isTrue());

            proxy.resume();
            assertThat(inFlight.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(orderRow(0));
            assertThat(waiting.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(orderRow(1));
            assertThat(lookuper.lookup(GenericRow.of(2L)).block(TIMEOUT)).isEqualTo(orderRow(2));
            return null;
        });
    }

    /**
     * Lookupers of one table share their batching: while a request of one is in flight (the leader
     * has room for one), the lookups of another lookuper wait too, and then leave together. Their
     * {@code lookupAll} concurrency, which is each lookuper's own, may differ.
     */
    @Test
    void lookupersOfOneTableShareTheirBatching(EmbeddedFlussCluster cluster) throws Exception {
        withHeldAnswers(cluster, "shared", 10, 1, (lookuper, table, proxy, sent) -> {
            Lookuper another = table.lookuper(
                    LookupOptions.builder().maxInFlightRequestsPerLeader(1).lookupAllConcurrency(16).build());
            long before = sent.get();
            proxy.pauseResponses();
            List<CompletableFuture<Row>> lookups = new ArrayList<>();
            lookups.add(lookuper.lookup(GenericRow.of(0L)).toFuture());
            await("the first lookup sent").atMost(TIMEOUT).until(() -> sent.get() == before + 1);
            for (int i = 1; i < 10; i++) {
                lookups.add(another.lookup(GenericRow.of((long) i)).toFuture());
            }
            settle();
            assertThat(sent.get() - before).as("requests while the first is in flight").isEqualTo(1);

            proxy.resume();
            CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            for (int i = 0; i < 10; i++) {
                assertThat(lookups.get(i).join()).isEqualTo(orderRow(i));
            }
            assertThat(sent.get() - before).as("requests in all").isEqualTo(2);
            return null;
        });
    }

    /**
     * Like a service that keeps 256 lookups outstanding, starting the next as each completes: the
     * requests settle at an equal share of the keys each (128 with two requests in flight). Sizes
     * that stuck to how the burst began (one key alone, then 255 together) would make about one
     * request of 255 and two of one key per round, 85 keys a request on average.
     */
    @Test
    void aClosedLoopOfLookupsSharesTheKeysEvenlyOverTheRequestsInFlight() throws Exception {
        FlussTable table = ordersTable("closed_loop");
        int keys = 20_000;
        int outstanding = 256;
        write(table, Flux.range(0, keys).map(LookupBatchingIT::orderRow));
        Lookuper lookuper = table.lookuper();
        assertThat(lookuper.lookup(GenericRow.of(0L)).block(TIMEOUT)).isNotNull();

        long before = lookups();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger found = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch answered = new CountDownLatch(keys);
        Runnable lookUpNext = new Runnable() {
            @Override
            public void run() {
                int key = next.getAndIncrement();
                if (key >= keys) {
                    return;
                }
                lookuper.lookup(GenericRow.of((long) key)).subscribe(
                        row -> found.incrementAndGet(),
                        error -> {
                            failure.compareAndSet(null, error);
                            answered.countDown();
                            run();
                        },
                        () -> {
                            answered.countDown();
                            run();
                        });
            }
        };
        for (int i = 0; i < outstanding; i++) {
            lookUpNext.run();
        }
        assertThat(answered.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("every lookup answered").isTrue();
        assertThat(failure.get()).isNull();
        assertThat(found.get()).isEqualTo(keys);
        long requests = lookups() - before;

        assertThat(requests).as("LOOKUP requests for %d keys, %d outstanding", keys, outstanding)
                .isLessThan(keys / 100);
    }

    @Test
    void missingKeysCompleteEmpty() {
        FlussTable table = ordersTable("missing");
        write(table, Flux.range(0, 10).map(i -> GenericRow.of((long) i * 2, "even", 1.0)));
        Lookuper lookuper = table.lookuper();

        assertThat(lookuper.lookup(GenericRow.of(3L)).blockOptional(TIMEOUT)).isEmpty();
        assertThat(lookuper.lookup(GenericRow.of(-1L)).blockOptional(TIMEOUT)).isEmpty();
        List<LookupResult> results = lookuper.lookupAll(Flux.range(0, 20).map(i -> GenericRow.of((long) i)))
                .collectList()
                .block(TIMEOUT);
        assertThat(results).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(results.get(i).found()).as("key %d found", i).isEqualTo(i % 2 == 0);
            assertThat(results.get(i).value()).isEqualTo(i % 2 == 0 ? Optional.of(GenericRow.of((long) i, "even", 1.0))
                    : Optional.empty());
        }
        assertThat(ordersTable("empty").lookuper().lookup(GenericRow.of(1L)).blockOptional(TIMEOUT)).isEmpty();
    }

    @Test
    void aLookupInAMissingPartitionCompletesEmptyAndCreatesNothing() {
        FlussTable table = regionalTable("regional_lookup");
        write(table, Flux.just(GenericRow.of("eu", 1L, 1.0)));
        Lookuper lookuper = table.lookuper();
        assertThat(lookuper.lookup(GenericRow.of("eu", 1L)).block(TIMEOUT)).isEqualTo(GenericRow.of("eu", 1L, 1.0));

        long before = lookups();
        assertThat(lookuper.lookup(GenericRow.of("nowhere", 1L)).blockOptional(TIMEOUT)).isEmpty();
        assertThat(lookuper.lookupAll(Flux.just(GenericRow.of("nowhere", 2L), GenericRow.of("eu", 1L)))
                        .map(LookupResult::found)
                        .collectList()
                        .block(TIMEOUT))
                .containsExactly(false, true);

        assertThat(partitionNames(table)).containsExactly("eu");
        // Only the lookup in the existing partition needed the server.
        assertThat(lookups() - before).isEqualTo(1);
    }

    /**
     * The partition is created. The insert itself then fails on the server: Fluss 0.9.1 servers decode
     * the key of an insert-if-missing lookup with the whole primary key (partition columns included),
     * while clients (this one and the official one alike) send the physical primary key, without them.
     * The official client fails the same way. When servers fix this, expect {@code ("us", 5, null)}.
     */
    @Test
    void lookupOrInsertOfAPartitionedTableIsRefusedBeforeCreatingAnything() {
        // Fluss 0.9.1 servers fail insert-if-not-exists lookups of partitioned tables (they decode the
        // keys with the partition columns), as they do for the official client: the client refuses first.
        FlussTable table = regionalTable("regional_insert");
        Lookuper lookuper = table.lookuper();
        long before = allRequests();

        assertThatThrownBy(() -> lookuper.lookupOrInsert(GenericRow.of("us", 5L)).block(TIMEOUT))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("partitioned");

        assertThat(allRequests()).isEqualTo(before);
        assertThat(partitionNames(table)).isEmpty();
    }

    @Test
    void aKeyOfTheWrongShapeFailsNamingTheProblemWithoutSendingAnything() {
        FlussTable table = ordersTable("wrong_shape");
        FlussTable regional = regionalTable("wrong_shape_regional");
        Lookuper lookuper = table.lookuper();
        Lookuper regionalLookuper = regional.lookuper();
        PrefixLookuper prefixes = customerOrdersTable("wrong_shape_prefix").prefixLookuper("customer");
        long before = allRequests();

        assertThatThrownBy(() -> lookuper.lookup(GenericRow.of(1L, "extra")).block(TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[id]")
                .hasMessageContaining("got 2 values");
        assertThatThrownBy(() -> lookuper.lookup(GenericRow.of()).block(TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0 values");
        assertThatThrownBy(() -> lookuper.lookup(GenericRow.of((Object) null)).block(TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'id'");
        assertThatThrownBy(() -> lookuper.lookup(GenericRow.of("not a number")).block(TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'id'");
        assertThatThrownBy(() -> lookuper.lookupOrInsert(GenericRow.of((Object) null)).block(TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'id'");
        assertThatThrownBy(() -> regionalLookuper.lookup(GenericRow.of(null, 1L)).block(TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'region'");
        assertThatThrownBy(() -> regionalLookuper.lookup(GenericRow.of(1L)).block(TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[region, id]");
        assertThatThrownBy(() -> prefixes.lookup(GenericRow.of("c", 1)).collectList().block(TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[customer]");
        // A failed stream: the bad key fails lookupAll, which sent nothing for it.
        assertThatThrownBy(() -> lookuper.lookupAll(Flux.just(GenericRow.of((Object) null))).collectList().block(TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'id'");

        assertThat(allRequests() - before).as("requests sent for keys that cannot be looked up").isZero();
        assertThat(regional.info().isPartitioned()).isTrue();
        // The same lookuper goes on looking up keys of the right shape.
        assertThat(lookuper.lookup(GenericRow.of(1L)).blockOptional(TIMEOUT)).isEmpty();
        assertThat(lookuper.lookupAll(Flux.just(GenericRow.of(1L), GenericRow.of(2L))).collectList().block(TIMEOUT))
                .hasSize(2).noneMatch(LookupResult::found);
    }

    // ---- helpers ----

    /**
     * Through a proxy that holds the leader's answers: first lookups are sent alone until
     * {@code maxInFlight} requests are in flight, then {@code queued} more lookups are started, which
     * must all wait. Once the answers flow, every lookup completes with its row. Returns the number of
     * LOOKUP requests sent.
     */
    private static long requestsWhileAnswersAreHeld(EmbeddedFlussCluster cluster, String name, int maxInFlight, int queued)
            throws Exception {
        int keys = maxInFlight + queued;
        return withHeldAnswers(cluster, name, keys, maxInFlight, (lookuper, table, proxy, sent) -> {
            long before = sent.get();
            proxy.pauseResponses();
            List<CompletableFuture<Row>> lookups = new ArrayList<>();
            for (int i = 0; i < maxInFlight; i++) {
                lookups.add(lookuper.lookup(GenericRow.of((long) i)).toFuture());
                long expected = before + i + 1;
                await("lookup " + i + " sent alone").atMost(TIMEOUT).until(() -> sent.get() == expected);
            }
            for (int i = maxInFlight; i < keys; i++) {
                lookups.add(lookuper.lookup(GenericRow.of((long) i)).toFuture());
            }
            settle();
            assertThat(sent.get() - before).as("requests while %d are in flight", maxInFlight).isEqualTo(maxInFlight);
            assertThat(lookups).noneMatch(CompletableFuture::isDone);

            proxy.resume();
            CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            for (int i = 0; i < keys; i++) {
                assertThat(lookups.get(i).join()).isEqualTo(orderRow(i));
            }
            return sent.get() - before;
        });
    }

    /** A lookup test run through a proxy that can hold the leader's answers. */
    @FunctionalInterface
    private interface HeldAnswersTest<T> {
        /**
         * @param lookuper a lookuper of a table holding {@link #orderRow} 0 to rows - 1, already used once
         * @param table that table, opened by the lookuper's client
         * @param proxy the proxy between the client and the table's leader
         * @param sent the LOOKUP requests the lookuper's client has sent so far
         */
        T run(Lookuper lookuper, FlussTable table, TcpProxy proxy, Supplier<Long> sent) throws Exception;
    }

    /**
     * Runs a test with a lookuper (at most {@code maxInFlight} requests in flight per leader) of a new
     * table of {@code rows} orders, whose client reaches the leader through a proxy.
     */
    private static <T> T withHeldAnswers(EmbeddedFlussCluster cluster, String name, int rows, int maxInFlight,
            HeldAnswersTest<T> test) throws Exception {
        return withHeldAnswers(cluster, name, rows,
                LookupOptions.builder().maxInFlightRequestsPerLeader(maxInFlight).build(), test);
    }

    /** Runs a test as the method above does, with a lookuper of these options. */
    private static <T> T withHeldAnswers(EmbeddedFlussCluster cluster, String name, int rows, LookupOptions options,
            HeldAnswersTest<T> test) throws Exception {
        FlussTable setup = ordersTable(name);
        write(setup, Flux.range(0, rows).map(LookupBatchingIT::orderRow));
        String tabletServer = cluster.tabletServerAddress(cluster.tabletServerIds().get(0));
        try (TcpProxy proxy = TcpProxy.start(tabletServer)) {
            // One connection, which the warm-up opens: a connection opened while answers are held
            // would wait for its handshake.
            FlussClient proxied = TestClients.clientVia(cluster, FlussClientOptions.builder().connectionsPerServer(1),
                    address -> address.equals(tabletServer) ? proxy.address() : address);
            try {
                FlussTable table = proxied.table(setup.path()).block(TIMEOUT);
                Lookuper lookuper = table.lookuper(options);
                // Warm up: metadata, schema and the connection exist before answers are held.
                assertThat(lookuper.lookup(GenericRow.of(0L)).block(TIMEOUT)).isNotNull();
                return test.run(lookuper, table, proxy, () -> TestClients.requestsSent(proxied, ApiKey.LOOKUP));
            } finally {
                proxied.close().block(TIMEOUT);
            }
        }
    }

    /** Order {@code i}: id i, customer "c" + i, amount i. */
    private static GenericRow orderRow(int i) {
        return GenericRow.of((long) i, "c" + i, (double) i);
    }

    private static long lookups() {
        return TestClients.requestsSent(db.client(), ApiKey.LOOKUP);
    }

    private static long allRequests() {
        return Arrays.stream(ApiKey.values()).mapToLong(api -> TestClients.requestsSent(db.client(), api)).sum();
    }

    private static void write(FlussTable table, Flux<GenericRow> rows) {
        UpsertWriter writer = table.upsertWriter();
        writer.writeRows(rows).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);
    }

    private static List<String> partitionNames(FlussTable table) {
        return db.admin().listPartitions(table.path()).map(PartitionInfo::partitionName).collectList().block(TIMEOUT);
    }

    private static FlussTable ordersTable(String name) {
        return createTable(name, TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.BIGINT())
                        .column("customer", DataTypes.STRING())
                        .column("amount", DataTypes.DOUBLE())
                        .primaryKey("id")
                        .build())
                .distributedBy(3)
                .build());
    }

    /** Partitioned by region; the primary key is (region, id). */
    private static FlussTable regionalTable(String name) {
        return createTable(name, TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("region", DataTypes.STRING())
                        .column("id", DataTypes.BIGINT())
                        .column("amount", DataTypes.DOUBLE())
                        .primaryKey("region", "id")
                        .build())
                .partitionedBy("region")
                .distributedBy(2)
                .build());
    }

    /** Prefix lookups by customer. */
    private static FlussTable customerOrdersTable(String name) {
        return createTable(name, TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("customer", DataTypes.STRING())
                        .column("order_id", DataTypes.INT())
                        .column("amount", DataTypes.DOUBLE())
                        .primaryKey("customer", "order_id")
                        .build())
                .distributedBy(3, "customer")
                .build());
    }

    private static FlussTable createTable(String name, TableDescriptor descriptor) {
        return db.client().table(db.createTable(name, descriptor)).block(TIMEOUT);
    }

    /**
     * Lets anything that would happen unasked happen (a stray request); the assertions after it are
     * on counters, not time.
     */
    private static void settle() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
