package io.flussreactive.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.table.TablePath;
import io.flussreactive.type.DataTypes;
import org.junit.jupiter.api.Test;

class TableInfoTest {

    private static final TablePath PATH = TablePath.of("demo", "orders");

    private static final Schema PK_SCHEMA = Schema.newBuilder()
            .column("id", DataTypes.BIGINT())
            .column("day", DataTypes.STRING())
            .column("amount", DataTypes.DECIMAL(10, 2))
            .primaryKey("id", "day")
            .build();

    @Test
    void describesAPartitionedPrimaryKeyTable() {
        TableDescriptor descriptor = TableDescriptor.builder()
                .schema(PK_SCHEMA)
                .comment("orders")
                .partitionedBy("day")
                .distributedBy(3, "id")
                .customProperty("owner", "team")
                .build();

        TableInfo info = TableInfo.of(PATH, 42L, 1, descriptor, 1000L, 2000L);

        assertThat(info.tablePath()).isEqualTo(PATH);
        assertThat(info.tableId()).isEqualTo(42L);
        assertThat(info.schemaId()).isEqualTo(1);
        assertThat(info.schema()).isEqualTo(PK_SCHEMA);
        assertThat(info.schemaInfo()).isEqualTo(new SchemaInfo(1, PK_SCHEMA));
        assertThat(info.primaryKey()).containsExactly("id", "day");
        assertThat(info.physicalPrimaryKey()).containsExactly("id");
        assertThat(info.hasPrimaryKey()).isTrue();
        assertThat(info.bucketKeys()).containsExactly("id");
        assertThat(info.partitionKeys()).containsExactly("day");
        assertThat(info.isPartitioned()).isTrue();
        assertThat(info.numBuckets()).isEqualTo(3);
        assertThat(info.comment()).contains("orders");
        assertThat(info.customProperties()).containsEntry("owner", "team");
        assertThat(info.createdTime()).isEqualTo(1000L);
        assertThat(info.modifiedTime()).isEqualTo(2000L);
    }

    @Test
    void bucketKeysDefaultToThePhysicalPrimaryKey() {
        TableDescriptor descriptor = TableDescriptor.builder()
                .schema(PK_SCHEMA).partitionedBy("day").distributedBy(2).build();

        TableInfo info = TableInfo.of(PATH, 1L, 1, descriptor, 0L, 0L);

        assertThat(info.bucketKeys()).containsExactly("id");
    }

    @Test
    void logTableWithoutBucketKeyHasNone() {
        Schema schema = Schema.newBuilder().column("msg", DataTypes.STRING()).build();

        TableInfo info = TableInfo.of(PATH, 1L, 1, TableDescriptor.builder().schema(schema).distributedBy(1).build(), 0L, 0L);

        assertThat(info.bucketKeys()).isEmpty();
        assertThat(info.physicalPrimaryKey()).isEmpty();
        assertThat(info.hasPrimaryKey()).isFalse();
        assertThat(info.comment()).isEmpty();
    }

    @Test
    void propertyReadersApplyTheServerDefaults() {
        TableInfo info = TableInfo.of(PATH, 1L, 1, TableDescriptor.builder().schema(PK_SCHEMA).distributedBy(1).build(), 0L, 0L);

        assertThat(info.logFormat()).isEqualTo(LogFormat.ARROW);
        assertThat(info.kvFormat()).isEqualTo(KvFormat.COMPACTED);
        assertThat(info.arrowCompression()).isEqualTo(ArrowCompression.ZSTD);
        assertThat(info.arrowCompressionLevel()).isEqualTo(3);
        assertThat(info.kvFormatVersion()).isEqualTo(1);
        assertThat(info.datalakeFormat()).isEmpty();
    }

    @Test
    void propertyReadersIgnoreCase() {
        TableDescriptor descriptor = TableDescriptor.builder()
                .schema(PK_SCHEMA)
                .distributedBy(1)
                .property(TableProperties.LOG_FORMAT, "indexed")
                .property(TableProperties.KV_FORMAT, "Indexed")
                .property(TableProperties.LOG_ARROW_COMPRESSION_TYPE, "lz4_frame")
                .property(TableProperties.LOG_ARROW_COMPRESSION_ZSTD_LEVEL, "7")
                .property(TableProperties.KV_FORMAT_VERSION, "2")
                .property(TableProperties.DATALAKE_FORMAT, "paimon")
                .build();

        TableInfo info = TableInfo.of(PATH, 1L, 1, descriptor, 0L, 0L);

        assertThat(info.logFormat()).isEqualTo(LogFormat.INDEXED);
        assertThat(info.kvFormat()).isEqualTo(KvFormat.INDEXED);
        assertThat(info.arrowCompression()).isEqualTo(ArrowCompression.LZ4_FRAME);
        assertThat(info.arrowCompressionLevel()).isEqualTo(7);
        assertThat(info.kvFormatVersion()).isEqualTo(2);
        assertThat(info.datalakeFormat()).contains(DataLakeFormat.PAIMON);
    }

    @Test
    void malformedPropertiesNameKeyAndValue() {
        TableDescriptor descriptor = TableDescriptor.builder()
                .schema(PK_SCHEMA)
                .distributedBy(1)
                .property(TableProperties.LOG_FORMAT, "parquet")
                .property(TableProperties.KV_FORMAT_VERSION, "two")
                .build();

        TableInfo info = TableInfo.of(PATH, 1L, 1, descriptor, 0L, 0L);

        assertThatThrownBy(info::logFormat).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'parquet'").hasMessageContaining("table.log.format");
        assertThatThrownBy(info::kvFormatVersion).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'two'").hasMessageContaining("table.kv.format-version");
    }

    @Test
    void needsABucketCount() {
        TableDescriptor descriptor = TableDescriptor.builder().schema(PK_SCHEMA).build();

        assertThatThrownBy(() -> TableInfo.of(PATH, 1L, 1, descriptor, 0L, 0L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("demo.orders");
    }

    @Test
    void toDescriptorMakesTheDistributionExplicit() {
        TableDescriptor descriptor = TableDescriptor.builder()
                .schema(PK_SCHEMA)
                .partitionedBy("day")
                .distributedBy(5)
                .property(TableProperties.REPLICATION_FACTOR, "1")
                .build();

        TableDescriptor again = TableInfo.of(PATH, 1L, 1, descriptor, 0L, 0L).toDescriptor();

        assertThat(again).isEqualTo(TableDescriptor.builder()
                .schema(PK_SCHEMA)
                .partitionedBy("day")
                .distributedBy(5, "id")
                .property(TableProperties.REPLICATION_FACTOR, "1")
                .build());
    }
}
