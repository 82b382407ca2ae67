package io.flussreactive.observation;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.ServerNode;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.lookup.Lookuper;
import io.flussreactive.observation.FlussObservationContext.Outcome;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.UpsertWriter;
import io.flussreactive.write.WriteResult;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

/** The meters and observations of a client given registries, against a real cluster. */
@ExtendWith(FlussClusterExtension.class)
class ObservabilityIT {

    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    private static final ObservationRegistry OBSERVATIONS = ObservationRegistry.create();
    /** Every observation of the client, as it stopped. */
    private static final Queue<FlussObservationContext> STOPPED = new ConcurrentLinkedQueue<>();

    static {
        OBSERVATIONS.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return context instanceof FlussObservationContext;
            }

            @Override
            public void onStop(Observation.Context context) {
                STOPPED.add((FlussObservationContext) context);
            }
        });
    }

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("observed").withClientOptions(() -> FlussClientOptions.builder()
            .observability(FlussObservability.builder()
                    .meterRegistry(METERS)
                    .observationRegistry(OBSERVATIONS)
                    .build()));

    private static TablePath logTable(String name) {
        return db.createTable(name, TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.INT())
                        .column("name", DataTypes.STRING())
                        .build())
                .distributedBy(3)
                .build());
    }

    @Test
    void writtenRowsAreCountedPerTableTheRequestsPerServerAndTheBufferEmptiesAgain() {
        TablePath path = logTable("appended");
        FlussTable table = db.client().table(path).block(TIMEOUT);
        AppendWriter writer = table.appendWriter();
        int rows = 2000;

        List<WriteResult<Row>> results = writer.writeRows(Flux.range(0, rows).map(i -> GenericRow.of(i, "row-" + i)))
                .collectList()
                .block(TIMEOUT);

        assertThat(results).hasSize(rows).allMatch(WriteResult::isSuccess);
        assertThat(METERS.get("fluss.client.write.records.sent").tag("table", path.toString()).counter().count())
                .isEqualTo(rows);
        assertThat(METERS.get("fluss.client.write.records.failed").tag("table", path.toString()).counter().count())
                .isZero();
        assertThat(METERS.get("fluss.client.write.batch.records").tag("table", path.toString()).summary().totalAmount())
                .isEqualTo(rows);
        assertThat(METERS.get("fluss.client.write.buffer.used").gauge().value()).isZero();
        assertThat(METERS.get("fluss.client.write.buffer.available").gauge().value())
                .isEqualTo(FlussClientOptions.DEFAULT_WRITE_BUFFER_BYTES);
        Set<String> tabletServers = db.admin().serverNodes().map(ServerNode::address).collect(Collectors.toSet())
                .block(TIMEOUT);
        List<Timer> produces = List.copyOf(METERS.get("fluss.client.requests")
                .tags("api", "produce_log", "outcome", "success").timers());
        assertThat(produces).isNotEmpty();
        assertThat(produces).allSatisfy(timer -> assertThat(timer.getId().getTag("server")).isIn(tabletServers));
        assertThat(produces.stream().mapToLong(Timer::count).sum()).isPositive();
        assertThat(METERS.get("fluss.client.connections").gauges()).anySatisfy(g -> assertThat(g.value()).isPositive());

        assertThat(stopped(path, FlussObservationDocumentation.WRITE)).singleElement().satisfies(write -> {
            assertThat(write.operation()).isEqualTo("append");
            assertThat(write.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(write.getLowCardinalityKeyValue("fluss.table").getValue()).isEqualTo(path.toString());
        });

        writer.close().block(TIMEOUT);
        assertThat(METERS.find("fluss.client.write.records.sent").tag("table", path.toString()).counter())
                .as("the meters of a table leave with its last writer").isNull();
    }

    @Test
    void aBoundedScanCountsTheRecordsItDeliversAndIsOneObservation() {
        TablePath path = logTable("scanned");
        FlussTable table = db.client().table(path).block(TIMEOUT);
        AppendWriter writer = table.appendWriter();
        int rows = 1500;
        writer.writeRows(Flux.range(0, rows).map(i -> GenericRow.of(i, "row-" + i))).then().block(TIMEOUT);

        // The writer stays open meanwhile, which keeps the table's meters once the scan has ended.
        long read = table.scan().untilLatest().records().count().block(TIMEOUT);

        assertThat(read).isEqualTo(rows);
        assertThat(METERS.get("fluss.client.scan.records").tag("table", path.toString()).counter().count())
                .isEqualTo(rows);
        assertThat(METERS.get("fluss.client.scan.bytes").tag("table", path.toString()).counter().count()).isPositive();
        assertThat(METERS.get("fluss.client.scan.fetches").tags("table", path.toString(), "empty", "false").counter()
                .count()).as("fetches that brought the rows").isPositive();
        assertThat(METERS.get("fluss.client.scan.prefetch.bytes").tag("table", path.toString()).gauge().value())
                .as("no scan of the table runs any more").isZero();
        assertThat(METERS.get("fluss.client.requests").tags("api", "fetch_log").timers()).isNotEmpty();
        assertThat(stopped(path, FlussObservationDocumentation.FETCH)).singleElement().satisfies(scan -> {
            assertThat(scan.operation()).isEqualTo("scan");
            assertThat(scan.outcome()).isEqualTo(Outcome.SUCCESS);
        });
        writer.close().block(TIMEOUT);
    }

    @Test
    void eachLookupIsTimedAndObservedUnderTheObservationOfItsSubscriber() {
        TablePath path = db.createTable("looked_up", TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.BIGINT())
                        .column("name", DataTypes.STRING())
                        .primaryKey("id")
                        .build())
                .distributedBy(3)
                .build());
        FlussTable table = db.client().table(path).block(TIMEOUT);
        UpsertWriter writer = table.upsertWriter();
        writer.writeRows(Flux.range(0, 50).map(i -> GenericRow.of((long) i, "row-" + i))).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);
        Lookuper lookuper = table.lookuper();
        int lookups = 30;

        // Half of the keys exist: an empty answer is a lookup all the same.
        List<Row> found = Flux.range(0, lookups)
                .concatMap(i -> lookuper.lookup(GenericRow.of((long) i * 2)))
                .collectList()
                .block(TIMEOUT);
        Observation request = Observation.start("http.server.requests", OBSERVATIONS);
        lookuper.lookup(GenericRow.of(1L))
                .contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, request))
                .block(TIMEOUT);
        request.stop();

        assertThat(found).hasSize(25);
        Search lookupTimers = METERS.find("fluss.client.lookups").tags("table", path.toString(), "operation", "lookup");
        assertThat(lookupTimers.timers().stream().mapToLong(Timer::count).sum()).isEqualTo(lookups + 1);
        assertThat(METERS.get("fluss.client.lookup.batch.keys").tag("table", path.toString()).summary().totalAmount())
                .isEqualTo(lookups + 1);
        List<FlussObservationContext> observed = stopped(path, FlussObservationDocumentation.LOOKUP);
        assertThat(observed).hasSize(lookups + 1).allSatisfy(lookup -> {
            assertThat(lookup.getName()).isEqualTo("fluss.client.lookup");
            assertThat(lookup.operation()).isEqualTo("lookup");
            assertThat(lookup.outcome()).isEqualTo(Outcome.SUCCESS);
        });
        assertThat(observed).filteredOn(lookup -> lookup.getParentObservation() != null).singleElement()
                .satisfies(lookup -> assertThat(lookup.getParentObservation()).isSameAs(request));
    }

    @Test
    void aClientWithoutRegistriesAddsNoMetersAndOneWithThemRemovesItsOwnWhenClosed() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        FlussClient observed = TestClients.client(db.cluster(), FlussClientOptions.builder()
                .observability(FlussObservability.of(own)));
        FlussClient unobserved = TestClients.client(db.cluster());
        TablePath path = logTable("unobserved");
        int metersBefore = METERS.getMeters().size();

        AppendWriter writer = unobserved.table(path).block(TIMEOUT).appendWriter();
        writer.writeRows(Flux.range(0, 10).map(i -> GenericRow.of(i, "row-" + i))).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);
        unobserved.close().block(TIMEOUT);
        observed.admin().listDatabases().collectList().block(TIMEOUT);

        assertThat(METERS.find("fluss.client.write.records.sent").tag("table", path.toString()).counter()).isNull();
        assertThat(METERS.getMeters()).hasSize(metersBefore);
        assertThat(own.getMeters()).extracting(meter -> meter.getId().getName())
                .contains("fluss.client.requests", "fluss.client.write.buffer.used", "resilience4j.retry.calls");

        observed.close().block(TIMEOUT);

        assertThat(own.getMeters()).extracting(Meter::getId).extracting(Meter.Id::getName).isEmpty();
    }

    private static List<FlussObservationContext> stopped(TablePath path, FlussObservationDocumentation kind) {
        return STOPPED.stream().filter(c -> c.kind() == kind && c.table().equals(path.toString())).toList();
    }
}
