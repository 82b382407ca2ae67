package io.flussreactive.interop;

import static io.flussreactive.type.DataTypes.ARRAY;
import static io.flussreactive.type.DataTypes.BIGINT;
import static io.flussreactive.type.DataTypes.BINARY;
import static io.flussreactive.type.DataTypes.BOOLEAN;
import static io.flussreactive.type.DataTypes.BYTES;
import static io.flussreactive.type.DataTypes.CHAR;
import static io.flussreactive.type.DataTypes.DATE;
import static io.flussreactive.type.DataTypes.DECIMAL;
import static io.flussreactive.type.DataTypes.DOUBLE;
import static io.flussreactive.type.DataTypes.FIELD;
import static io.flussreactive.type.DataTypes.FLOAT;
import static io.flussreactive.type.DataTypes.INT;
import static io.flussreactive.type.DataTypes.MAP;
import static io.flussreactive.type.DataTypes.ROW;
import static io.flussreactive.type.DataTypes.SMALLINT;
import static io.flussreactive.type.DataTypes.STRING;
import static io.flussreactive.type.DataTypes.TIME;
import static io.flussreactive.type.DataTypes.TIMESTAMP;
import static io.flussreactive.type.DataTypes.TIMESTAMP_LTZ;
import static io.flussreactive.type.DataTypes.TINYINT;

import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.type.DataType;
import java.util.ArrayList;
import java.util.List;
import org.apache.fluss.types.DataTypes;

/**
 * Every data type, built once with our factories (statically imported) and once with the official
 * client's ({@code DataTypes.INT()}), for tests that compare the two.
 */
public final class EveryType {

    private EveryType() {
    }

    /**
     * The same type built with both libraries.
     *
     * @param ours our type
     * @param upstream the official client's type
     */
    public record TypePair(DataType ours, org.apache.fluss.types.DataType upstream) {}

    /** Every Fluss type, nested ARRAY/MAP/ROW included, each built with both libraries. */
    public static List<TypePair> pairs() {
        return List.of(
                new TypePair(BOOLEAN(), DataTypes.BOOLEAN()),
                new TypePair(TINYINT(), DataTypes.TINYINT()),
                new TypePair(SMALLINT(), DataTypes.SMALLINT()),
                new TypePair(INT(), DataTypes.INT()),
                new TypePair(BIGINT(), DataTypes.BIGINT()),
                new TypePair(FLOAT(), DataTypes.FLOAT()),
                new TypePair(DOUBLE(), DataTypes.DOUBLE()),
                new TypePair(CHAR(3), DataTypes.CHAR(3)),
                new TypePair(STRING(), DataTypes.STRING()),
                new TypePair(BINARY(8), DataTypes.BINARY(8)),
                new TypePair(BYTES(), DataTypes.BYTES()),
                new TypePair(DECIMAL(10, 2), DataTypes.DECIMAL(10, 2)),
                new TypePair(DECIMAL(38, 18), DataTypes.DECIMAL(38, 18)),
                new TypePair(DATE(), DataTypes.DATE()),
                new TypePair(TIME(), DataTypes.TIME()),
                new TypePair(TIME(3), DataTypes.TIME(3)),
                new TypePair(TIMESTAMP(), DataTypes.TIMESTAMP()),
                new TypePair(TIMESTAMP(3), DataTypes.TIMESTAMP(3)),
                new TypePair(TIMESTAMP_LTZ(), DataTypes.TIMESTAMP_LTZ()),
                new TypePair(TIMESTAMP_LTZ(9), DataTypes.TIMESTAMP_LTZ(9)),
                new TypePair(ARRAY(INT().notNull()), DataTypes.ARRAY(DataTypes.INT().copy(false))),
                new TypePair(MAP(STRING(), ARRAY(DOUBLE())), DataTypes.MAP(DataTypes.STRING(), DataTypes.ARRAY(DataTypes.DOUBLE()))),
                new TypePair(
                        ROW(FIELD("street", STRING(), "street name"),
                                FIELD("geo", ROW(FIELD("lat", DOUBLE()), FIELD("lon", DOUBLE())).notNull())),
                        DataTypes.ROW(DataTypes.FIELD("street", DataTypes.STRING(), "street name"),
                                DataTypes.FIELD("geo", DataTypes.ROW(
                                        DataTypes.FIELD("lat", DataTypes.DOUBLE()),
                                        DataTypes.FIELD("lon", DataTypes.DOUBLE())).copy(false)))),
                new TypePair(
                        ARRAY(MAP(STRING(), ROW(FIELD("a", INT()), FIELD("b", ARRAY(ROW(FIELD("c", BIGINT()))))))),
                        DataTypes.ARRAY(DataTypes.MAP(DataTypes.STRING(), DataTypes.ROW(
                                DataTypes.FIELD("a", DataTypes.INT()),
                                DataTypes.FIELD("b", DataTypes.ARRAY(DataTypes.ROW(
                                        DataTypes.FIELD("c", DataTypes.BIGINT())))))))));
    }

    /**
     * {@link #pairs()}, then more precisions of TIME, TIMESTAMP, TIMESTAMP_LTZ and DECIMAL (where the
     * encodings change), and arrays and maps of wide values.
     */
    public static List<TypePair> pairsWithMorePrecisions() {
        List<TypePair> types = new ArrayList<>(pairs());
        types.add(new TypePair(TIME(9), DataTypes.TIME(9)));
        types.add(new TypePair(TIMESTAMP(0), DataTypes.TIMESTAMP(0)));
        types.add(new TypePair(TIMESTAMP(9), DataTypes.TIMESTAMP(9)));
        types.add(new TypePair(TIMESTAMP_LTZ(0), DataTypes.TIMESTAMP_LTZ(0)));
        types.add(new TypePair(TIMESTAMP_LTZ(3), DataTypes.TIMESTAMP_LTZ(3)));
        types.add(new TypePair(DECIMAL(18, 4), DataTypes.DECIMAL(18, 4)));
        types.add(new TypePair(DECIMAL(19, 0), DataTypes.DECIMAL(19, 0)));
        types.add(new TypePair(ARRAY(STRING()), DataTypes.ARRAY(DataTypes.STRING())));
        types.add(new TypePair(ARRAY(DECIMAL(38, 18)), DataTypes.ARRAY(DataTypes.DECIMAL(38, 18))));
        types.add(new TypePair(ARRAY(TIMESTAMP(9)), DataTypes.ARRAY(DataTypes.TIMESTAMP(9))));
        types.add(new TypePair(MAP(INT(), TIMESTAMP_LTZ(9)),
                DataTypes.MAP(DataTypes.INT(), DataTypes.TIMESTAMP_LTZ(9))));
        types.add(new TypePair(ARRAY(BYTES()), DataTypes.ARRAY(DataTypes.BYTES())));
        return List.copyOf(types);
    }

    /**
     * Every type a primary-key column can have (every type but ARRAY, MAP and ROW), with the lengths,
     * precisions and scales whose key encodings differ: compact and wide DECIMALs, TIMESTAMPs of whole
     * milliseconds and finer.
     */
    public static List<TypePair> keyPairs() {
        return List.of(
                new TypePair(BOOLEAN(), DataTypes.BOOLEAN()),
                new TypePair(TINYINT(), DataTypes.TINYINT()),
                new TypePair(SMALLINT(), DataTypes.SMALLINT()),
                new TypePair(INT(), DataTypes.INT()),
                new TypePair(BIGINT(), DataTypes.BIGINT()),
                new TypePair(FLOAT(), DataTypes.FLOAT()),
                new TypePair(DOUBLE(), DataTypes.DOUBLE()),
                new TypePair(CHAR(3), DataTypes.CHAR(3)),
                new TypePair(STRING(), DataTypes.STRING()),
                new TypePair(BINARY(5), DataTypes.BINARY(5)),
                new TypePair(BYTES(), DataTypes.BYTES()),
                new TypePair(DECIMAL(10, 2), DataTypes.DECIMAL(10, 2)),
                new TypePair(DECIMAL(18, 4), DataTypes.DECIMAL(18, 4)),
                new TypePair(DECIMAL(19, 0), DataTypes.DECIMAL(19, 0)),
                new TypePair(DECIMAL(38, 18), DataTypes.DECIMAL(38, 18)),
                new TypePair(DATE(), DataTypes.DATE()),
                new TypePair(TIME(), DataTypes.TIME()),
                new TypePair(TIME(3), DataTypes.TIME(3)),
                new TypePair(TIMESTAMP(0), DataTypes.TIMESTAMP(0)),
                new TypePair(TIMESTAMP(3), DataTypes.TIMESTAMP(3)),
                new TypePair(TIMESTAMP(6), DataTypes.TIMESTAMP(6)),
                new TypePair(TIMESTAMP(9), DataTypes.TIMESTAMP(9)),
                new TypePair(TIMESTAMP_LTZ(0), DataTypes.TIMESTAMP_LTZ(0)),
                new TypePair(TIMESTAMP_LTZ(3), DataTypes.TIMESTAMP_LTZ(3)),
                new TypePair(TIMESTAMP_LTZ(6), DataTypes.TIMESTAMP_LTZ(6)),
                new TypePair(TIMESTAMP_LTZ(9), DataTypes.TIMESTAMP_LTZ(9)));
    }


    /** A primary-key table partitioned by {@code day} with a column of every type, built with our API. */
    public static TableDescriptor ourTableDescriptor() {
        Schema.Builder schema = Schema.newBuilder()
                .column("id", BIGINT()).withComment("row id")
                .column("day", STRING());
        List<TypePair> types = EveryType.pairs();
        for (int i = 0; i < types.size(); i++) {
            schema.column("c" + i, types.get(i).ours());
        }
        schema.withComment("last column").primaryKey("id", "day");
        return TableDescriptor.builder()
                .schema(schema.build())
                .comment("every type")
                .partitionedBy("day")
                .distributedBy(4, "id")
                .property("table.log.format", "ARROW")
                .property("table.log.arrow.compression.type", "ZSTD")
                .property("table.log.arrow.compression.zstd.level", "5")
                .property("table.replication.factor", "1")
                .customProperty("owner", "team-a")
                .customProperty("purpose", "interop")
                .build();
    }

    /** The same table as {@link #ourTableDescriptor()}, built with the official client's API. */
    public static org.apache.fluss.metadata.TableDescriptor officialTableDescriptor() {
        org.apache.fluss.metadata.Schema.Builder schema = org.apache.fluss.metadata.Schema.newBuilder()
                .column("id", DataTypes.BIGINT()).withComment("row id")
                .column("day", DataTypes.STRING());
        List<TypePair> types = EveryType.pairs();
        for (int i = 0; i < types.size(); i++) {
            schema.column("c" + i, types.get(i).upstream());
        }
        schema.withComment("last column").primaryKey("id", "day");
        return org.apache.fluss.metadata.TableDescriptor.builder()
                .schema(schema.build())
                .comment("every type")
                .partitionedBy("day")
                .distributedBy(4, "id")
                .property("table.log.format", "ARROW")
                .property("table.log.arrow.compression.type", "ZSTD")
                .property("table.log.arrow.compression.zstd.level", "5")
                .property("table.replication.factor", "1")
                .customProperty("owner", "team-a")
                .customProperty("purpose", "interop")
                .build();
    }

    /** Each column as {@code name type / comment}, for comparing schemas across the two libraries. */
    public static List<String> columnsOf(org.apache.fluss.metadata.TableDescriptor descriptor) {
        return columnsOf(descriptor.getSchema());
    }

    /** Each column as {@code name type / comment}. */
    public static List<String> columnsOf(org.apache.fluss.metadata.Schema schema) {
        return schema.getColumns().stream()
                .map(c -> c.getName() + " " + c.getDataType().asSummaryString() + " / " + c.getComment().orElse("-"))
                .toList();
    }

    /** Each column as {@code name type / comment}. */
    public static List<String> columnsOf(TableDescriptor descriptor) {
        return columnsOf(descriptor.schema());
    }

    /** Each column as {@code name type / comment}. */
    public static List<String> columnsOf(Schema schema) {
        return schema.columns().stream()
                .map(c -> c.name() + " " + c.dataType() + " / " + (c.comment() == null ? "-" : c.comment()))
                .toList();
    }

}
