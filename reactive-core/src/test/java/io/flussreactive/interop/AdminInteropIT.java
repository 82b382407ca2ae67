package io.flussreactive.interop;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.TestDatabase;
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
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tables created by one client are described identically by the other, for a schema with a column
 * of every data type.
 */
@ExtendWith(FlussClusterExtension.class)
class AdminInteropIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("interop");

    private static OfficialClient official;

    @BeforeAll
    static void connect(EmbeddedFlussCluster cluster) {
        official = OfficialClient.connect(cluster);
    }

    @AfterAll
    static void close() throws Exception {
        official.close();
    }

    @Test
    void aTableWeCreateIsDescribedIdenticallyByTheOfficialClient() throws Exception {
        TablePath path = db.path("created_by_us");
        db.admin().createTable(path, EveryType.ourTableDescriptor(), false).block(TIMEOUT);

        TableInfo ours = db.admin().describeTable(path).block(TIMEOUT);
        org.apache.fluss.metadata.TableInfo theirs =
                official.admin().getTableInfo(OfficialClient.toOfficial(path)).get(60, TimeUnit.SECONDS);

        assertSameDescription(ours, theirs);
        assertThat(EveryType.columnsOf(ours.schema())).isEqualTo(EveryType.columnsOf(EveryType.ourTableDescriptor()));
    }

    @Test
    void aTableTheOfficialClientCreatesIsDescribedIdenticallyByUs() throws Exception {
        TablePath path = db.path("created_by_official");
        official.admin().createTable(OfficialClient.toOfficial(path), EveryType.officialTableDescriptor(), false)
                .get(60, TimeUnit.SECONDS);

        TableInfo ours = db.admin().describeTable(path).block(TIMEOUT);
        org.apache.fluss.metadata.TableInfo theirs =
                official.admin().getTableInfo(OfficialClient.toOfficial(path)).get(60, TimeUnit.SECONDS);

        assertSameDescription(ours, theirs);
        assertThat(EveryType.columnsOf(ours.schema()))
                .isEqualTo(EveryType.columnsOf(EveryType.officialTableDescriptor()));
    }

    @Test
    void partitionsCreatedByOneClientAreListedIdenticallyByTheOther() throws Exception {
        TablePath path = db.path("partitions_both_ways");
        db.admin().createTable(path, EveryType.ourTableDescriptor(), false).block(TIMEOUT);
        db.admin().createPartition(path, PartitionSpec.of("day", "2026-11-26"), false).block(TIMEOUT);
        official.admin().createPartition(OfficialClient.toOfficial(path),
                        new org.apache.fluss.metadata.PartitionSpec(java.util.Map.of("day", "2026-11-27")), false)
                .get(60, TimeUnit.SECONDS);

        List<String> ours = db.admin().listPartitions(path)
                .map(p -> p.partitionId() + "=" + p.partitionName())
                .collectList()
                .block(TIMEOUT);
        List<String> theirs = official.admin().listPartitionInfos(OfficialClient.toOfficial(path))
                .get(60, TimeUnit.SECONDS)
                .stream()
                .map(p -> p.getPartitionId() + "=" + p.getPartitionName())
                .toList();

        assertThat(ours).containsExactlyInAnyOrderElementsOf(theirs).hasSize(2);
        assertThat(db.admin().listPartitions(path).map(PartitionInfo::spec).collectList().block(TIMEOUT))
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
