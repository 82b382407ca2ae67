package io.flussreactive.internal.record;

import io.flussreactive.admin.PartitionSpec;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.row.Row;
import io.flussreactive.type.DataField;
import io.flussreactive.type.DataType;
import io.flussreactive.type.RowType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The partition a row belongs to: each partition-key value formatted as Fluss does, joined with
 * {@code $} in partition-key order.
 *
 * <table>
 *   <caption>Formatting of partition values</caption>
 *   <tr><th>Type</th><th>Text</th></tr>
 *   <tr><td>STRING, CHAR</td><td>the string</td></tr>
 *   <tr><td>BOOLEAN, TINYINT, SMALLINT, INT, BIGINT</td><td>{@code toString()}</td></tr>
 *   <tr><td>BINARY, BYTES</td><td>lowercase hex, two digits per byte</td></tr>
 *   <tr><td>DATE</td><td>{@code yyyy-MM-dd}</td></tr>
 *   <tr><td>TIME</td><td>{@code HH-mm-ss_SSS}</td></tr>
 *   <tr><td>FLOAT, DOUBLE</td><td>{@code toString()} with {@code .} replaced by {@code _}; {@code NaN},
 *       {@code Inf}, {@code -Inf}</td></tr>
 *   <tr><td>TIMESTAMP, TIMESTAMP_LTZ (in UTC)</td><td>{@code yyyy-MM-dd-HH-mm-ss_} and the fraction of
 *       the second without trailing zeros, possibly none</td></tr>
 * </table>
 *
 * <p>Thread-safe.
 */
public final class PartitionNames {

    /** What separates the values of a name with several partition keys. */
    public static final String SEPARATOR = "$";

    private static final DateTimeFormatter TIMESTAMP_FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd-HH-mm-ss_")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, false)
            .toFormatter(Locale.ROOT);

    private static final HexFormat HEX = HexFormat.of();

    private final List<String> partitionKeys;
    private final int[] positions;
    private final DataField[] fields;

    /**
     * Creates the partition naming of rows of a row type.
     *
     * @param rowType the row type
     * @param partitionKeys the partition keys, in the table's order
     * @throws IllegalArgumentException if there is no partition key, a key is not a field of the row
     *     type, or its type cannot be a partition key (DECIMAL, ARRAY, MAP, ROW)
     */
    public PartitionNames(RowType rowType, List<String> partitionKeys) {
        if (partitionKeys.isEmpty()) {
            throw new IllegalArgumentException("A partition name needs at least one partition key");
        }
        this.partitionKeys = List.copyOf(partitionKeys);
        this.positions = new int[partitionKeys.size()];
        this.fields = new DataField[partitionKeys.size()];
        for (int i = 0; i < positions.length; i++) {
            String key = partitionKeys.get(i);
            positions[i] = rowType.fieldIndex(key);
            if (positions[i] < 0) {
                throw new IllegalArgumentException("Partition key '" + key + "' is not a field of " + rowType.summary());
            }
            fields[i] = rowType.fields().get(positions[i]);
            if (!isSupported(fields[i].type())) {
                throw new IllegalArgumentException("Partition key '" + key + "' has the type "
                        + fields[i].type().summary() + ", which cannot be a partition key");
            }
        }
    }

    /**
     * Creates the partition naming of a partitioned table's rows.
     *
     * @param table a partitioned table
     * @return the naming
     * @throws IllegalArgumentException if the table is not partitioned
     */
    public static PartitionNames of(TableInfo table) {
        if (!table.isPartitioned()) {
            throw new IllegalArgumentException("Table " + table.tablePath() + " is not partitioned");
        }
        return new PartitionNames(table.rowType(), table.partitionKeys());
    }

    /**
     * Returns the partition keys, in order.
     *
     * @return the keys
     */
    public List<String> partitionKeys() {
        return partitionKeys;
    }

    /**
     * Returns the name of the partition a row belongs to.
     *
     * @param row a row of the row type
     * @return for example {@code 2024-05-01} or {@code eu$2024-05-01}
     * @throws IllegalArgumentException if a partition value is null or not of its column's type,
     *     naming the column
     */
    public String partitionName(Row row) {
        if (positions.length == 1) {
            return format(row, 0);
        }
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < positions.length; i++) {
            if (i > 0) {
                name.append(SEPARATOR);
            }
            name.append(format(row, i));
        }
        return name.toString();
    }

    /**
     * Returns every partition key with its formatted value, as CreatePartition takes them.
     *
     * @param row a row of the row type
     * @return the spec, in partition-key order
     * @throws IllegalArgumentException if a partition value is null or not of its column's type,
     *     naming the column
     */
    public PartitionSpec partitionSpec(Row row) {
        Map<String, String> spec = new LinkedHashMap<>();
        for (int i = 0; i < positions.length; i++) {
            spec.put(partitionKeys.get(i), format(row, i));
        }
        return PartitionSpec.of(spec);
    }

    /**
     * Returns the name of a partition given by its spec.
     *
     * @param spec the value of every partition key
     * @param partitionKeys the partition keys, in the table's order
     * @return the values joined with {@value #SEPARATOR} in partition-key order
     * @throws IllegalArgumentException if the spec does not have exactly the partition keys
     */
    public static String partitionName(PartitionSpec spec, List<String> partitionKeys) {
        Map<String, String> values = spec.spec();
        if (values.size() != partitionKeys.size() || !values.keySet().containsAll(partitionKeys)) {
            throw new IllegalArgumentException(
                    "The partition spec " + values.keySet() + " does not have exactly the partition keys " + partitionKeys);
        }
        StringBuilder name = new StringBuilder();
        for (String key : partitionKeys) {
            if (name.length() > 0) {
                name.append(SEPARATOR);
            }
            name.append(values.get(key));
        }
        return name.toString();
    }

    /**
     * Formats one partition value.
     *
     * @param type the column type
     * @param value the value, with the Java class documented on {@link Row}; not null
     * @return the text Fluss uses for the value in partition names
     * @throws IllegalArgumentException if the type cannot be a partition key
     * @throws ClassCastException if the value is not of the type's Java class
     */
    public static String formatValue(DataType type, Object value) {
        switch (type.root()) {
            case CHAR:
            case STRING:
                return (String) value;
            case BOOLEAN:
                return ((Boolean) value).toString();
            case TINYINT:
                return ((Byte) value).toString();
            case SMALLINT:
                return ((Short) value).toString();
            case INTEGER:
                return ((Integer) value).toString();
            case BIGINT:
                return ((Long) value).toString();
            case BINARY:
            case BYTES:
                return HEX.formatHex((byte[]) value);
            case DATE: {
                LocalDate date = (LocalDate) value;
                return String.format(Locale.ROOT, "%04d-%02d-%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
            }
            case TIME_WITHOUT_TIME_ZONE: {
                int millis = BinaryValues.millisOfDay((LocalTime) value);
                return String.format(Locale.ROOT, "%02d-%02d-%02d_%03d",
                        millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000);
            }
            case FLOAT:
                return formatFloatingPoint((Float) value, ((Float) value).isNaN(), ((Float) value).isInfinite());
            case DOUBLE:
                return formatFloatingPoint((Double) value, ((Double) value).isNaN(), ((Double) value).isInfinite());
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return ((LocalDateTime) value).format(TIMESTAMP_FORMAT);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC).format(TIMESTAMP_FORMAT);
            default:
                throw new IllegalArgumentException("The type " + type.summary() + " cannot be a partition key");
        }
    }

    private static boolean isSupported(DataType type) {
        return switch (type.root()) {
            case DECIMAL, ARRAY, MAP, ROW -> false;
            default -> true;
        };
    }

    private static String formatFloatingPoint(Number value, boolean isNaN, boolean isInfinite) {
        if (isNaN) {
            return "NaN";
        }
        if (isInfinite) {
            return value.doubleValue() > 0 ? "Inf" : "-Inf";
        }
        return value.toString().replace('.', '_');
    }

    private String format(Row row, int index) {
        Object value = row.get(positions[index]);
        if (value == null) {
            throw new IllegalArgumentException("Partition column '" + fields[index].name() + "' must not be null");
        }
        try {
            return formatValue(fields[index].type(), value);
        } catch (ClassCastException e) {
            throw BinaryFieldErrors.badValue(fields[index], value, e);
        }
    }
}
