package io.flussreactive.admin;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.FlussClient;
import io.flussreactive.TestClients;
import io.flussreactive.error.DatabaseAlreadyExistException;
import io.flussreactive.error.DatabaseNotEmptyException;
import io.flussreactive.error.DatabaseNotExistException;
import io.flussreactive.error.FlussException;
import io.flussreactive.error.InvalidDatabaseException;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FlussClusterExtension.class)
class AdminDatabaseIT {

    private static FlussClient client;
    private static FlussAdmin admin;

    @BeforeAll
    static void connect(EmbeddedFlussCluster cluster) {
        client = TestClients.client(cluster);
        admin = client.admin();
    }

    @AfterAll
    static void close() {
        client.close().block(TIMEOUT);
    }

    @Test
    void createdDatabaseExistsIsListedAndDescribed() {
        String name = TestClients.uniqueName("db");
        DatabaseDescriptor descriptor = DatabaseDescriptor.builder()
                .comment("orders of the shop")
                .customProperty("owner", "team-a")
                .build();

        admin.createDatabase(name, descriptor, false).block(TIMEOUT);

        assertThat(admin.databaseExists(name).block(TIMEOUT)).isTrue();
        assertThat(admin.listDatabases().collectList().block(TIMEOUT)).contains(name);
        DatabaseInfo info = admin.describeDatabase(name).block(TIMEOUT);
        assertThat(info.databaseName()).isEqualTo(name);
        assertThat(info.descriptor()).isEqualTo(descriptor);
        assertThat(info.createdTime()).isPositive();
        assertThat(info.modifiedTime()).isGreaterThanOrEqualTo(info.createdTime());
    }

    @Test
    void creatingAnExistingDatabaseFailsUnlessIgnored() {
        String name = TestClients.uniqueName("db");
        admin.createDatabase(name, DatabaseDescriptor.empty(), false).block(TIMEOUT);

        assertThatThrownBy(() -> admin.createDatabase(name, DatabaseDescriptor.empty(), false).block(TIMEOUT))
                .isInstanceOf(DatabaseAlreadyExistException.class)
                .satisfies(e -> assertServerMessageNames((FlussException) e, name));
        admin.createDatabase(name, DatabaseDescriptor.empty(), true).block(TIMEOUT);
    }

    @Test
    void droppingAMissingDatabaseFailsUnlessIgnored() {
        String name = TestClients.uniqueName("missing");

        assertThatThrownBy(() -> admin.dropDatabase(name, false, false).block(TIMEOUT))
                .isInstanceOf(DatabaseNotExistException.class)
                .satisfies(e -> assertServerMessageNames((FlussException) e, name));
        admin.dropDatabase(name, true, false).block(TIMEOUT);
        assertThat(admin.databaseExists(name).block(TIMEOUT)).isFalse();
    }

    @Test
    void describingAMissingDatabaseFails() {
        String name = TestClients.uniqueName("missing");

        assertThatThrownBy(() -> admin.describeDatabase(name).block(TIMEOUT))
                .isInstanceOf(DatabaseNotExistException.class)
                .satisfies(e -> assertServerMessageNames((FlussException) e, name));
    }

    @Test
    void droppingADatabaseWithTablesNeedsCascade() {
        String name = TestClients.uniqueName("db");
        admin.createDatabase(name, DatabaseDescriptor.empty(), false).block(TIMEOUT);
        TableDescriptor table = TableDescriptor.builder()
                .schema(Schema.newBuilder().column("id", DataTypes.INT()).build())
                .distributedBy(1)
                .build();
        admin.createTable(TablePath.of(name, "t"), table, false).block(TIMEOUT);

        assertThatThrownBy(() -> admin.dropDatabase(name, false, false).block(TIMEOUT))
                .isInstanceOf(DatabaseNotEmptyException.class)
                .satisfies(e -> assertServerMessageNames((FlussException) e, name));
        assertThat(admin.databaseExists(name).block(TIMEOUT)).isTrue();

        admin.dropDatabase(name, false, true).block(TIMEOUT);
        assertThat(admin.databaseExists(name).block(TIMEOUT)).isFalse();
        assertThat(admin.tableExists(TablePath.of(name, "t")).block(TIMEOUT)).isFalse();
    }

    @Test
    void anInvalidDatabaseNameIsRejectedByTheServer() {
        assertThatThrownBy(() -> admin.createDatabase("no spaces allowed", DatabaseDescriptor.empty(), false)
                        .block(TIMEOUT))
                .isInstanceOf(InvalidDatabaseException.class)
                .satisfies(e -> assertServerMessageNames((FlussException) e, "no spaces allowed"));
    }

    static void assertServerMessageNames(FlussException error, String name) {
        assertThat(error.serverMessage()).as("server message").isNotBlank().contains(name);
        assertThat(error.getMessage()).contains(error.errorCode().name()).contains(error.serverMessage());
    }
}
