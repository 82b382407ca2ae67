package io.flussreactive.interop;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.FlussClient;
import io.flussreactive.TestClients;
import io.flussreactive.admin.DatabaseDescriptor;
import io.flussreactive.admin.FlussAdmin;
import io.flussreactive.admin.PartitionInfo;
import io.flussreactive.admin.PartitionSpec;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tables created by one client are described identically by the other, for a schema with a column
 * of every data type.
 */
@ExtendWith(FlussClusterExtension.class)
class AdminInteropTest {

    private static FlussClient client;
    private static FlussAdmin admin;
    private static OfficialClient official;
    private static String database;

    @BeforeAll
    static void connect(EmbeddedFlussCluster cluster) {
        client = TestClients.client(cluster);
        admin = client.admin();
        official = OfficialClient.connect(cluster);
        database = TestClients.uniqueName("interop");
        admin.createDatabase(database, DatabaseDescriptor.empty(), false).block(TIMEOUT);
    }

    @AfterAll
    static void close() throws Exception {
        admin.dropDatabase(database, true, true).block(TIMEOUT);
        client.close().block(TIMEOUT);
        official.close();
    }

    @Test
    void aTableWeCreateIsDescribedIdenticallyByTheOfficialClient() throws Exception {
        TablePath path = TablePath.of(database, "created_by_us");
        admin.createTable(path, EveryType.ourTableDescriptor(), false).block(TIMEOUT);

        TableInfo ours = admin.describeTable(path).block(TIMEOUT);
        org.apache.fluss.metadata.TableInfo theirs =
                official.admin().getTableInfo(OfficialClient.toOfficial(path)).get(60, TimeUnit.SECONDS);

        assertSameDescription(ours, theirs);
        assertThat(EveryType.columnsOf(ours.schema())).isEqualTo(EveryType.columnsOf(EveryType.ourTableDescriptor()));
    }

    @Test
    void aTableTheOfficialClientCreatesIsDescribedIdenticallyByUs() throws Exception {
        TablePath path = TablePath.of(database, "created_by_official");
        official.admin().createTable(OfficialClient.toOfficial(path), EveryType.officialTableDescriptor(), false)
                .get(60, TimeUnit.SECONDS);

        TableInfo ours = admin.describeTable(path).block(TIMEOUT);
        org.apache.fluss.metadata.TableInfo theirs =
                official.admin().getTableInfo(OfficialClient.toOfficial(path)).get(60, TimeUnit.SECONDS);

        assertSameDescription(ours, theirs);
        assertThat(EveryType.columnsOf(ours.schema()))
                .isEqualTo(EveryType.columnsOf(EveryType.officialTableDescriptor()));
    }

    @Test
    void partitionsCreatedByOneClientAreListedIdenticallyByTheOther() throws Exception {
        TablePath path = TablePath.of(database, "partitions_both_ways");
        admin.createTable(path, EveryType.ourTableDescriptor(), false).block(TIMEOUT);
        admin.createPartition(path, PartitionSpec.of("day", "2026-11-26"), false).block(TIMEOUT);
        official.admin().createPartition(OfficialClient.toOfficial(path),
                        new org.apache.fluss.metadata.PartitionSpec(java.util.Map.of("day", "2026-11-27")), false)
                .get(60, TimeUnit.SECONDS);

        List<String> ours = admin.listPartitions(path)
                .map(p -> p.partitionId() + "=" + p.partitionName())
                .collectList()
                .block(TIMEOUT);
        List<String> theirs = official.admin().listPartitionInfos(OfficialClient.toOfficial(path))
                .get(60, TimeUnit.SECONDS)
                .stream()
                .map(p -> p.getPartitionId() + "=" + p.getPartitionName())
                .toList();

        assertThat(ours).containsExactlyInAnyOrderElementsOf(theirs).hasSize(2);
        assertThat(admin.listPartitions(path).map(PartitionInfo::spec).collectList().block(TIMEOUT))
                .contains(PartitionSpec.of("day", "2026-11-27"));
    }

    private static void assertSameDescription(TableInfo ours, org.apache.fluss.metadata.TableInfo theirs) {
        assertThat(ours.tableId()).isEqualTo(theirs.getTableId());
        assertThat(ours.schemaId()).isEqualTo(theirs.getSchemaId());
        assertThat(EveryType.columnsOf(ours.schema())).isEqualTo(EveryType.columnsOf(theirs.getSchema()));
        assertThat(ours.primaryKey()).isEqualTo(theirs.getPrimaryKeys());
        assertThat(ours.physicalPrimaryKey()).isEqualTo(theirs.getPhysicalPrimaryKeys());
        assertThat(ours.bucketKeys()).isEqualTo(theirs.getBucketKeys());
        assertThat(ours.partitionKeys()).isEqualTo(theirs.getPartitionKeys());
        assertThat(ours.numBuckets()).isEqualTo(theirs.getNumBuckets());
        assertThat(ours.properties()).isEqualTo(theirs.getProperties().toMap());
        assertThat(ours.customProperties()).isEqualTo(theirs.getCustomProperties().toMap());
        assertThat(ours.comment()).isEqualTo(theirs.getComment());
        assertThat(ours.createdTime()).isEqualTo(theirs.getCreatedTime());
        assertThat(ours.modifiedTime()).isEqualTo(theirs.getModifiedTime());
        assertThat(ours.rowType().toString()).isEqualTo(theirs.getRowType().asSummaryString());
    }
}
