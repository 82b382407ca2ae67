package io.flussreactive.admin;

import static io.flussreactive.TestClients.TIMEOUT;
import static io.flussreactive.admin.AdminDatabaseIT.assertServerMessageNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.error.DatabaseNotExistException;
import io.flussreactive.error.FlussException;
import io.flussreactive.error.InvalidConfigException;
import io.flussreactive.error.InvalidTableException;
import io.flussreactive.error.SchemaNotExistException;
import io.flussreactive.error.TableAlreadyExistException;
import io.flussreactive.error.TableNotExistException;
import io.flussreactive.error.TooManyBucketsException;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(FlussClusterExtension.class)
class AdminTableIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("tables");

    private static Schema ordersSchema() {
        return Schema.newBuilder()
                .column("id", DataTypes.BIGINT())
                .column("customer", DataTypes.STRING())
                .column("amount", DataTypes.DECIMAL(12, 2))
                .column("ts", DataTypes.TIMESTAMP_LTZ(3))
                .build();
    }

    @Test
    void createdLogTableIsListedAndDescribedWithServerDefaults() {
        TablePath path = db.path("orders_log");
        TableDescriptor descriptor = TableDescriptor.builder()
                .schema(ordersSchema())
                .comment("every order event")
                .distributedBy(3, "customer")
                .logFormat(LogFormat.ARROW)
                .logCompression(ArrowCompression.LZ4_FRAME)
                .customProperty("team", "shop")
                .build();

        db.admin().createTable(path, descriptor, false).block(TIMEOUT);

        assertThat(db.admin().tableExists(path).block(TIMEOUT)).isTrue();
        assertThat(db.admin().listTables(db.name()).collectList().block(TIMEOUT)).contains("orders_log");
        TableInfo info = db.admin().describeTable(path).block(TIMEOUT);
        assertThat(info.tablePath()).isEqualTo(path);
        assertThat(info.tableId()).isNotNegative();
        assertThat(info.schemaId()).isEqualTo(1);
        assertThat(info.schema()).isEqualTo(descriptor.schema());
        assertThat(info.hasPrimaryKey()).isFalse();
        assertThat(info.bucketKeys()).containsExactly("customer");
        assertThat(info.numBuckets()).isEqualTo(3);
        assertThat(info.isPartitioned()).isFalse();
        assertThat(info.comment()).contains("every order event");
        assertThat(info.logFormat()).isEqualTo(LogFormat.ARROW);
        assertThat(info.arrowCompression()).isEqualTo(ArrowCompression.LZ4_FRAME);
        assertThat(info.customProperties()).containsEntry("team", "shop");
        // The coordinator fills in what the descriptor left open.
        assertThat(info.properties()).containsKey(TableProperties.REPLICATION_FACTOR);
        assertThat(info.createdTime()).isPositive();
    }

    @Test
    void primaryKeyTableGetsItsDefaultBucketKeyAndKvFormatVersion() {
        TablePath path = db.path("orders_pk");
        Schema schema = Schema.newBuilder()
                .column("region", DataTypes.STRING())
                .column("id", DataTypes.BIGINT())
                .column("amount", DataTypes.DOUBLE())
                .primaryKey("region", "id")
                .build();
        db.admin().createTable(path,
                        TableDescriptor.builder().schema(schema).partitionedBy("region").distributedBy(2).build(), false)
                .block(TIMEOUT);

        TableInfo info = db.admin().describeTable(path).block(TIMEOUT);

        assertThat(info.primaryKey()).containsExactly("region", "id");
        assertThat(info.physicalPrimaryKey()).containsExactly("id");
        assertThat(info.bucketKeys()).containsExactly("id");
        assertThat(info.partitionKeys()).containsExactly("region");
        assertThat(info.kvFormatVersion()).isEqualTo(2);
        assertThat(info.schema().column("id").orElseThrow().dataType().nullable()).isFalse();
    }

    @Test
    void creatingAnExistingTableFailsUnlessIgnored() {
        TablePath path = db.path("twice");
        TableDescriptor descriptor = TableDescriptor.builder().schema(ordersSchema()).distributedBy(1).build();
        db.admin().createTable(path, descriptor, false).block(TIMEOUT);

        assertThatThrownBy(() -> db.admin().createTable(path, descriptor, false).block(TIMEOUT))
                .isInstanceOf(TableAlreadyExistException.class)
                .satisfies(e -> assertServerMessageNames((FlussException) e, "twice"));
        db.admin().createTable(path, descriptor, true).block(TIMEOUT);
    }

    @Test
    void droppedTableNoLongerExists() {
        TablePath path = db.path("dropped");
        db.admin().createTable(path, TableDescriptor.builder().schema(ordersSchema()).distributedBy(1).build(), false)
                .block(TIMEOUT);

        db.admin().dropTable(path, false).block(TIMEOUT);

        assertThat(db.admin().tableExists(path).block(TIMEOUT)).isFalse();
        assertThat(db.admin().listTables(db.name()).collectList().block(TIMEOUT)).doesNotContain("dropped");
    }

    @Test
    void missingTablesFailWithTableNotExist() {
        TablePath path = db.path("never_created");

        assertThatThrownBy(() -> db.admin().describeTable(path).block(TIMEOUT))
                .isInstanceOf(TableNotExistException.class)
                .satisfies(e -> assertServerMessageNames((FlussException) e, "never_created"));
        assertThatThrownBy(() -> db.admin().dropTable(path, false).block(TIMEOUT))
                .isInstanceOf(TableNotExistException.class)
                .satisfies(e -> assertServerMessageNames((FlussException) e, "never_created"));
        // The 0.9.1 server answers a schema request for a missing table with "schema does not exist".
        assertThatThrownBy(() -> db.admin().getSchema(path).block(TIMEOUT))
                .isInstanceOf(SchemaNotExistException.class)
                .satisfies(e -> assertServerMessageNames((FlussException) e, "never_created"));
        db.admin().dropTable(path, true).block(TIMEOUT);
        assertThat(db.admin().tableExists(path).block(TIMEOUT)).isFalse();
    }

    @Test
    void tablesOfAMissingDatabaseFail() {
        String missing = TestClients.uniqueName("missing");

        assertThatThrownBy(() -> db.admin().createTable(TablePath.of(missing, "t"),
                        TableDescriptor.builder().schema(ordersSchema()).build(), false).block(TIMEOUT))
                .isInstanceOf(DatabaseNotExistException.class)
                .satisfies(e -> assertServerMessageNames((FlussException) e, missing));
        assertThatThrownBy(() -> db.admin().listTables(missing).collectList().block(TIMEOUT))
                .isInstanceOf(DatabaseNotExistException.class)
                .satisfies(e -> assertServerMessageNames((FlussException) e, missing));
    }

    @Test
    void schemaIsReadByIdAndUnknownIdsFail() {
        TablePath path = db.path("schemas");
        Schema schema = ordersSchema();
        db.admin().createTable(path, TableDescriptor.builder().schema(schema).distributedBy(1).build(), false)
                .block(TIMEOUT);

        SchemaInfo latest = db.admin().getSchema(path).block(TIMEOUT);
        SchemaInfo first = db.admin().getSchema(path, 1).block(TIMEOUT);

        assertThat(latest).isEqualTo(new SchemaInfo(1, schema));
        assertThat(first).isEqualTo(latest);
        assertThatThrownBy(() -> db.admin().getSchema(path, 42).block(TIMEOUT))
                .isInstanceOf(SchemaNotExistException.class)
                .satisfies(e -> assertThat(((FlussException) e).serverMessage()).contains("42"));
    }

    @Test
    void tooManyBucketsAreRejectedByTheServer() {
        TableDescriptor descriptor = TableDescriptor.builder().schema(ordersSchema()).distributedBy(200_000).build();

        assertThatThrownBy(() -> db.admin().createTable(db.path("too_many_buckets"), descriptor, false)
                        .block(TIMEOUT))
                .isInstanceOf(TooManyBucketsException.class)
                .satisfies(e -> assertThat(((FlussException) e).serverMessage()).contains("200000"));
    }

    @Test
    void aBucketKeyNamingAnUnknownColumnIsRejectedByTheServer() {
        TableDescriptor descriptor = TableDescriptor.builder()
                .schema(ordersSchema())
                .distributedBy(2, "no_such_column")
                .build();

        assertThatThrownBy(() -> db.admin().createTable(db.path("bad_bucket_key"), descriptor, false)
                        .block(TIMEOUT))
                .isInstanceOf(InvalidTableException.class)
                .satisfies(e -> assertThat(((FlussException) e).serverMessage()).contains("no_such_column"));
    }

    @Test
    void aPrimaryKeyNamingAnUnknownColumnIsRejectedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> Schema.newBuilder().column("id", DataTypes.INT()).primaryKey("no_such_column").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no_such_column");
    }

    @Test
    void anInvalidPropertyValueIsRejectedByTheServer() {
        TableDescriptor descriptor = TableDescriptor.builder()
                .schema(ordersSchema())
                .property(TableProperties.LOG_FORMAT, "PARQUET")
                .build();

        assertThatThrownBy(() -> db.admin().createTable(db.path("bad_format"), descriptor, false)
                        .block(TIMEOUT))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((FlussException) e).serverMessage()).contains("PARQUET"));
    }

    @Test
    void serverNodesListTheCoordinatorAndEveryTabletServer(EmbeddedFlussCluster cluster) {
        List<ServerNode> nodes = db.admin().serverNodes().collectList().block(TIMEOUT);

        assertThat(nodes).first().satisfies(n -> {
            assertThat(n.serverType()).isEqualTo(ServerType.COORDINATOR);
            assertThat(n.address()).isEqualTo(cluster.coordinatorAddress());
        });
        assertThat(nodes).filteredOn(n -> n.serverType() == ServerType.TABLET_SERVER)
                .extracting(ServerNode::address)
                .containsExactlyInAnyOrderElementsOf(
                        cluster.tabletServerIds().stream().map(cluster::tabletServerAddress).toList());
    }
}
