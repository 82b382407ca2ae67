package io.flussreactive.internal.record;

import static io.flussreactive.internal.record.ArrowTestData.comparable;
import static io.flussreactive.type.DataTypes.ARRAY;
import static io.flussreactive.type.DataTypes.BIGINT;
import static io.flussreactive.type.DataTypes.BINARY;
import static io.flussreactive.type.DataTypes.CHAR;
import static io.flussreactive.type.DataTypes.DATE;
import static io.flussreactive.type.DataTypes.DECIMAL;
import static io.flussreactive.type.DataTypes.DOUBLE;
import static io.flussreactive.type.DataTypes.FIELD;
import static io.flussreactive.type.DataTypes.INT;
import static io.flussreactive.type.DataTypes.MAP;
import static io.flussreactive.type.DataTypes.ROW;
import static io.flussreactive.type.DataTypes.STRING;
import static io.flussreactive.type.DataTypes.TIMESTAMP;
import static io.flussreactive.type.DataTypes.TIMESTAMP_LTZ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.admin.ArrowCompression;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.type.RowType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Appending rows to Arrow vectors: what is rejected, and what a row is estimated to cost. */
class ArrowRowWriterTest {

    private static final RowType TABLE = ROW(
            FIELD("id", INT().notNull()),
            FIELD("name", STRING()),
            FIELD("price", DECIMAL(10, 2)),
            FIELD("hash", BINARY(4)),
            FIELD("day", DATE()),
            FIELD("at", TIMESTAMP(9)),
            FIELD("seen", TIMESTAMP_LTZ(6)),
            FIELD("tags", ARRAY(INT().notNull())),
            FIELD("scores", MAP(STRING(), DOUBLE())),
            FIELD("address", ROW(FIELD("street", STRING()), FIELD("geo", ROW(FIELD("lat", DOUBLE().notNull())))))
    );

    private final ArrowBatchFixture fixture = new ArrowBatchFixture();

    @AfterEach
    void allArrowMemoryIsReleased() {
        fixture.close();
    }

    private static GenericRow good(int id) {
        return GenericRow.of(id, "n" + id, new BigDecimal("9.99"), new byte[] {1, 2, 3, 4}, LocalDate.of(2024, 1, id),
                LocalDateTime.parse("2024-01-01T00:00:00.123456789"), Instant.parse("1960-01-01T00:00:00.000001Z"),
                List.of(id, id + 1), Map.of("a", 1.5), GenericRow.of("main st", GenericRow.of(1.0)));
    }

    /** A good row with one value replaced. */
    private static GenericRow with(int column, Object value) {
        GenericRow row = good(9);
        row.set(column, value);
        return row;
    }

    static Stream<Arguments> badRows() {
        return Stream.of(
                Arguments.of(with(0, 5L), "Column 'id' (INT NOT NULL): expected a java.lang.Integer but got a java.lang.Long"),
                Arguments.of(with(0, null), "Column 'id' (INT NOT NULL): null is not allowed"),
                Arguments.of(with(1, 'c'), "Column 'name' (STRING): expected a java.lang.String"),
                Arguments.of(with(2, new BigDecimal("123456789.5")),
                        "Column 'price' (DECIMAL(10, 2)): 123456789.5 needs 11 digits at scale 2, more than the precision 10"),
                Arguments.of(with(2, 1.5), "Column 'price' (DECIMAL(10, 2)): expected a java.math.BigDecimal"),
                Arguments.of(with(3, new byte[] {1, 2, 3, 4, 5}),
                        "Column 'hash' (BINARY(4)): the value has 5 bytes, but the type holds exactly 4"),
                Arguments.of(with(3, new byte[] {1, 2, 3}),
                        "Column 'hash' (BINARY(4)): the value has 3 bytes, but the type holds exactly 4"),
                Arguments.of(with(4, LocalDate.MAX), "Column 'day' (DATE): +999999999-12-31 is out of the range"),
                Arguments.of(with(5, LocalDateTime.of(2300, 1, 1, 0, 0)),
                        "Column 'at' (TIMESTAMP(9)): 2300-01-01T00:00 is out of the range a TIMESTAMP(9) can store"),
                Arguments.of(with(5, Instant.EPOCH), "Column 'at' (TIMESTAMP(9)): expected a java.time.LocalDateTime"),
                Arguments.of(with(6, LocalDateTime.of(2020, 1, 1, 0, 0)),
                        "Column 'seen' (TIMESTAMP_LTZ(6)): expected a java.time.Instant"),
                Arguments.of(with(7, Set.of(1)), "Column 'tags' (ARRAY<INT NOT NULL>): expected a java.util.List"),
                Arguments.of(with(7, Arrays.asList(1, null)), "Column 'tags.element' (INT NOT NULL): null is not allowed"),
                Arguments.of(with(7, List.of(1, "2")), "Column 'tags.element' (INT NOT NULL): expected a java.lang.Integer"),
                Arguments.of(with(8, Collections.singletonMap(null, 1.0)),
                        "Column 'scores.key' (STRING NOT NULL): null is not allowed"),
                Arguments.of(with(8, Map.of("a", 1)), "Column 'scores.value' (DOUBLE): expected a java.lang.Double"),
                Arguments.of(with(9, GenericRow.of("x")), "expected a row of 2 fields but got 1"),
                Arguments.of(with(9, GenericRow.of("x", GenericRow.of((Object) null))),
                        "Column 'address.geo.lat' (DOUBLE NOT NULL): null is not allowed"),
                Arguments.of(with(9, List.of("x")), "Column 'address' (ROW<`street` STRING, `geo` ROW<`lat` DOUBLE NOT NULL>>): "
                        + "expected a io.flussreactive.row.Row"),
                Arguments.of(GenericRow.of(1, "two"), "The row has 2 values but the table has 10 columns [id, name,"));
    }

    @ParameterizedTest
    @MethodSource("badRows")
    void aBadRowIsRejectedWholeWithTheColumnNamed(Row bad, String message) {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrowSchema(TABLE), fixture.allocator())) {
            ArrowRowWriter writer = new ArrowRowWriter(TABLE, root);
            List<Row> good = List.of(good(1), good(2), good(3));
            good.forEach(writer::append);
            byte[] before = encode(writer);

            assertThatThrownBy(() -> writer.append(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(message);
            assertThatThrownBy(() -> writer.estimatedSizeInBytes(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(message);

            assertThat(writer.rowCount()).isEqualTo(3);
            assertThat(encode(writer)).as("the batch is unchanged").isEqualTo(before);
            writer.append(good(4));
            assertThat(writer.rowCount()).isEqualTo(4);
            assertThat(comparable(decode(writer))).isEqualTo(comparable(List.of(good(1), good(2), good(3), good(4))));
        }
    }

    @Test
    void aNullRowIsRejected() {
        ArrowRowValidator validator = new ArrowRowValidator(TABLE);
        assertThatThrownBy(() -> validator.check((Row) null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be null");
    }

    @Test
    void aNullStructMayHoldNotNullFields() {
        ArrowRowValidator validator = new ArrowRowValidator(TABLE);
        validator.check(with(9, GenericRow.of(null, null)));
        validator.check(with(9, null));
    }

    @Test
    void theEstimateCountsDataValidityOffsetsAndBytes() {
        RowType rowType = ROW(FIELD("i", INT()), FIELD("s", STRING()), FIELD("d", DOUBLE()), FIELD("b", BIGINT()));
        ArrowRowValidator validator = new ArrowRowValidator(rowType);

        // Bits: 32+1, 32+1+3*8, 64+1, 64+1 = 220, rounded up to 28 bytes.
        assertThat(validator.estimatedSizeInBytes(GenericRow.of(1, "abc", 1.0, 2L))).isEqualTo(28);
        // A null keeps its slot: 33 + 33 + 65 + 65 = 196 bits.
        assertThat(validator.estimatedSizeInBytes(GenericRow.of(null, null, null, null))).isEqualTo(25);
        // UTF-8 bytes, not chars: "é€😀" is 2 + 3 + 4 bytes.
        assertThat(validator.estimatedSizeInBytes(GenericRow.of(1, "é€😀", 1.0, 2L))).isEqualTo(28 + 6);
    }

    @Test
    void theEstimateOfNestedValuesCountsTheirChildren() {
        RowType rowType = ROW(FIELD("tags", ARRAY(INT())), FIELD("m", MAP(INT(), INT())),
                FIELD("r", ROW(FIELD("a", INT()), FIELD("b", STRING()))));
        ArrowRowValidator validator = new ArrowRowValidator(rowType);

        // Array: 33 + 2 * 33. Map: 33 + (1 + 33 + 33). Row: 1 + 33 + (33 + 8).
        assertThat(validator.estimatedSizeInBytes(GenericRow.of(List.of(1, 2), Map.of(1, 2), GenericRow.of(1, "x"))))
                .isEqualTo((int) Math.ceil((99 + 100 + 75) / 8.0));
        // A null row still takes a slot in each child: 1 + 33 + 33.
        assertThat(validator.estimatedSizeInBytes(GenericRow.of(null, null, null)))
                .isEqualTo((int) Math.ceil((33 + 33 + 67) / 8.0));
    }

    @Test
    void theEstimatesAddUpToTheArrowBuffers() {
        RowType rowType = ArrowTestData.everyType();
        List<Row> rows = new ArrowTestData.Values(7, false).rows(rowType, 4000);
        ArrowRowValidator validator = new ArrowRowValidator(rowType);
        long estimated = 0;
        for (Row row : rows) {
            estimated += validator.estimatedSizeInBytes(row);
        }

        try (VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrowSchema(rowType), fixture.allocator())) {
            ArrowRowWriter writer = new ArrowRowWriter(validator, root);
            rows.forEach(writer::append);
            writer.finish();
            long actual = 0;
            for (FieldVector vector : root.getFieldVectors()) {
                actual += bufferBytes(vector);
            }
            assertThat((double) estimated).isCloseTo(actual, org.assertj.core.data.Percentage.withPercentage(1));
        }
    }

    @Test
    void appendingAllocatesNothingPerRowBeyondArrowBuffers() {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        RowType rowType = ROW(FIELD("i", INT()), FIELD("s", STRING()), FIELD("d", DOUBLE()), FIELD("b", BIGINT()));
        int count = 100_000;
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(GenericRow.of(i, "name-" + i, i * 0.5, (long) i << 20));
        }

        try (VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrowSchema(rowType), fixture.allocator())) {
            ArrowRowWriter writer = new ArrowRowWriter(rowType, root);
            // The first pass grows the vectors (and warms the code up); the second reuses them.
            rows.forEach(writer::append);
            writer.reset();
            long before = threads.getCurrentThreadAllocatedBytes();
            for (Row row : rows) {
                writer.append(row);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            assertThat(writer.rowCount()).isEqualTo(count);
            assertThat(allocated / count).as("heap bytes allocated per row").isLessThan(8);
        }
    }

    @Test
    void rowsReadBackFromARowFormatLogMayHoldLongerCharsAndShorterBinariesWhichArePadded() {
        RowType rowType = ROW(FIELD("code", CHAR(2)), FIELD("hash", BINARY(4)));
        Row stored = GenericRow.of("longer", new byte[] {7});
        assertThatThrownBy(() -> new ArrowRowValidator(rowType).check(stored))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Column 'code' (CHAR(2))");

        try (VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrowSchema(rowType), fixture.allocator())) {
            ArrowRowWriter writer = new ArrowRowWriter(ArrowRowValidator.forStoredRows(rowType), root);
            writer.append(stored);
            writer.finish();

            assertThat(root.getVector("code").getObject(0)).hasToString("longer");
            assertThat((byte[]) root.getVector("hash").getObject(0)).containsExactly(7, 0, 0, 0);
            assertThatThrownBy(() -> writer.append(GenericRow.of("x", new byte[5])))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Column 'hash' (BINARY(4)): the value has 5 bytes, more than the 4 the type holds");
        }
    }

    @Test
    void theWriterRejectsARootOfAnotherLayout() {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(
                ArrowSchemas.toArrowSchema(ROW(FIELD("id", BIGINT()))), fixture.allocator())) {
            assertThatThrownBy(() -> new ArrowRowWriter(ROW(FIELD("id", INT())), root))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INT");
        }
    }

    private static long bufferBytes(FieldVector vector) {
        long bytes = 0;
        for (ArrowBuf buffer : vector.getFieldBuffers()) {
            bytes += buffer.readableBytes();
        }
        for (FieldVector child : vector.getChildrenFromFields()) {
            bytes += bufferBytes(child);
        }
        return bytes;
    }

    private static byte[] encode(ArrowRowWriter writer) {
        ByteBuf batch = new ArrowLogBatchEncoder(ArrowCompression.NONE, 0)
                .encodeAppendOnly(ByteBufAllocator.DEFAULT, writer.finish(), 1, -1, -1);
        try {
            return ByteBufUtil.getBytes(batch);
        } finally {
            batch.release();
        }
    }

    private List<Row> decode(ArrowRowWriter writer) {
        writer.finish();
        ArrowRowReader reader = new ArrowRowReader(TABLE, writer.root());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < reader.rowCount(); i++) {
            rows.add(GenericRow.copyOf(reader.row(i)));
        }
        return rows;
    }
}
