package io.flussreactive.internal.record;

import static io.flussreactive.type.DataTypes.ARRAY;
import static io.flussreactive.type.DataTypes.BINARY;
import static io.flussreactive.type.DataTypes.DECIMAL;
import static io.flussreactive.type.DataTypes.FIELD;
import static io.flussreactive.type.DataTypes.INT;
import static io.flussreactive.type.DataTypes.MAP;
import static io.flussreactive.type.DataTypes.ROW;
import static io.flussreactive.type.DataTypes.STRING;
import static io.flussreactive.type.DataTypes.TIME;
import static io.flussreactive.type.DataTypes.TIMESTAMP;
import static io.flussreactive.type.DataTypes.TIMESTAMP_LTZ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.type.RowType;
import java.util.List;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.fluss.utils.ArrowUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Arrow schema of Fluss row types. */
class ArrowSchemasTest {

    @Test
    void everyTypeMapsToTheSameArrowSchemaAsTheOfficialClient() {
        RowType rowType = ArrowTestData.everyType();
        org.apache.fluss.types.RowType official =
                (org.apache.fluss.types.RowType) OfficialArrowBatches.toOfficialType(rowType);

        // Names, nullability, types and children all appear in the JSON form of a schema.
        assertThat(ArrowSchemas.toArrowSchema(rowType).toJson())
                .isEqualTo(ArrowUtils.toArrowSchema(official).toJson());
    }

    @ParameterizedTest
    @CsvSource({"0, SECOND, 32", "1, MILLISECOND, 32", "3, MILLISECOND, 32", "4, MICROSECOND, 64",
            "6, MICROSECOND, 64", "7, NANOSECOND, 64", "9, NANOSECOND, 64"})
    void timeUnitAndWidthFollowThePrecision(int precision, TimeUnit unit, int bitWidth) {
        assertThat(ArrowSchemas.toArrowType(TIME(precision))).isEqualTo(new ArrowType.Time(unit, bitWidth));
        assertThat(ArrowSchemas.toArrowType(TIMESTAMP(precision))).isEqualTo(new ArrowType.Timestamp(unit, null));
        assertThat(ArrowSchemas.toArrowType(TIMESTAMP_LTZ(precision))).isEqualTo(new ArrowType.Timestamp(unit, null));
    }

    @Test
    void nestedTypesHaveTheirNamedChildren() {
        Field array = ArrowSchemas.toArrowField("tags", ARRAY(INT().notNull()));
        assertThat(array.getType()).isEqualTo(ArrowType.List.INSTANCE);
        assertThat(array.getChildren()).singleElement().satisfies(element -> {
            assertThat(element.getName()).isEqualTo("element");
            assertThat(element.isNullable()).isFalse();
        });

        Field map = ArrowSchemas.toArrowField("scores", MAP(STRING(), INT()));
        assertThat(map.getType()).isEqualTo(new ArrowType.Map(false));
        Field entries = map.getChildren().get(0);
        assertThat(entries.getName()).isEqualTo("entries");
        assertThat(entries.isNullable()).isFalse();
        assertThat(entries.getType()).isEqualTo(ArrowType.Struct.INSTANCE);
        assertThat(entries.getChildren()).extracting(Field::getName).containsExactly("key", "value");
        assertThat(entries.getChildren()).extracting(Field::isNullable).containsExactly(false, true);

        Field row = ArrowSchemas.toArrowField("r", ROW(FIELD("a", DECIMAL(20, 4)), FIELD("b", BINARY(3).notNull())));
        assertThat(row.getType()).isEqualTo(ArrowType.Struct.INSTANCE);
        assertThat(row.getChildren()).extracting(Field::getName).containsExactly("a", "b");
        assertThat(row.getChildren().get(0).getType()).isEqualTo(new ArrowType.Decimal(20, 4, 128));
        assertThat(row.getChildren().get(1).getType()).isEqualTo(new ArrowType.FixedSizeBinary(3));
        assertThat(row.getChildren().get(1).isNullable()).isFalse();
    }

    @Test
    void projectionKeepsTheSelectedColumnsInPositionOrder() {
        RowType rowType = ROW(FIELD("a", INT()), FIELD("b", STRING()), FIELD("c", INT().notNull()));

        Schema projected = ArrowSchemas.toArrowSchema(rowType, new int[] {0, 2});

        assertThat(projected.getFields()).extracting(Field::getName).containsExactly("a", "c");
        assertThat(ArrowSchemas.project(rowType, new int[] {1}).fieldNames()).isEqualTo(List.of("b"));
    }

    @Test
    void projectionPositionsMustBeStrictlyIncreasingAndInRange() {
        RowType rowType = ROW(FIELD("a", INT()), FIELD("b", STRING()));

        assertThatThrownBy(() -> ArrowSchemas.project(rowType, new int[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArrowSchemas.project(rowType, new int[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArrowSchemas.project(rowType, new int[] {2}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
