package io.flussreactive.samples.webflux;

import io.flussreactive.FlussClient;
import io.flussreactive.admin.DatabaseDescriptor;
import io.flussreactive.admin.FlussAdmin;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.type.DataTypes;
import reactor.core.publisher.Mono;

/**
 * The sample's two tables, created when missing: {@code events}, a log table with one bucket (so that
 * an offset is a position in the whole stream of events), and {@code users}, a primary-key table.
 *
 * @param events the log table of events: {@code id}, {@code type}, {@code payload}, {@code at} (see
 *     {@link Event})
 * @param users the primary-key table of users: {@code id} (the key), {@code name}, {@code email},
 *     {@code updated_at} (see {@link User})
 */
public record SampleTables(FlussTable events, FlussTable users) {

    /** The database of the sample's tables. */
    public static final String DATABASE = "webflux_sample";

    /** The log table of events. */
    public static final TablePath EVENTS = TablePath.of(DATABASE, "events");

    /** The primary-key table of users. */
    public static final TablePath USERS = TablePath.of(DATABASE, "users");

    /**
     * Creates the database and the tables where they are missing, and opens them. Nothing blocks: the
     * returned {@code Mono} completes on a client thread once the tables answer.
     *
     * @param client the client
     * @return the tables
     */
    public static Mono<SampleTables> createIfMissing(FlussClient client) {
        FlussAdmin admin = client.admin();
        return admin.createDatabase(DATABASE, DatabaseDescriptor.builder().comment("the WebFlux sample").build(), true)
                .then(admin.createTable(EVENTS, eventsTable(), true))
                .then(admin.createTable(USERS, usersTable(), true))
                .then(Mono.zip(client.table(EVENTS), client.table(USERS)))
                .map(tables -> new SampleTables(tables.getT1(), tables.getT2()));
    }

    private static TableDescriptor eventsTable() {
        return TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.STRING())
                        .column("type", DataTypes.STRING())
                        .column("payload", DataTypes.STRING())
                        .column("at", DataTypes.TIMESTAMP_LTZ(3))
                        .build())
                .comment("events posted to /events")
                .distributedBy(1)
                .build();
    }

    private static TableDescriptor usersTable() {
        return TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.STRING())
                        .column("name", DataTypes.STRING())
                        .column("email", DataTypes.STRING())
                        .column("updated_at", DataTypes.TIMESTAMP_LTZ(3))
                        .primaryKey("id")
                        .build())
                .comment("users behind /users/{id}")
                .distributedBy(3)
                .build();
    }
}
