package io.flussreactive.type;

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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataTypesTest {

    @Test
    void toStringOfEveryTypeIsTheOfficialSummary() {
        assertThat(BOOLEAN()).hasToString("BOOLEAN");
        assertThat(TINYINT()).hasToString("TINYINT");
        assertThat(SMALLINT()).hasToString("SMALLINT");
        assertThat(INT()).hasToString("INT");
        assertThat(BIGINT()).hasToString("BIGINT");
        assertThat(FLOAT()).hasToString("FLOAT");
        assertThat(DOUBLE()).hasToString("DOUBLE");
        assertThat(CHAR(5)).hasToString("CHAR(5)");
        assertThat(STRING()).hasToString("STRING");
        assertThat(BINARY(16)).hasToString("BINARY(16)");
        assertThat(BYTES()).hasToString("BYTES");
        assertThat(DECIMAL(10, 2)).hasToString("DECIMAL(10, 2)");
        assertThat(DATE()).hasToString("DATE");
        assertThat(TIME()).hasToString("TIME(0)");
        assertThat(TIME(3)).hasToString("TIME(3)");
        assertThat(TIMESTAMP()).hasToString("TIMESTAMP(6)");
        assertThat(TIMESTAMP(3)).hasToString("TIMESTAMP(3)");
        assertThat(TIMESTAMP_LTZ()).hasToString("TIMESTAMP_LTZ(6)");
        assertThat(TIMESTAMP_LTZ(3)).hasToString("TIMESTAMP_LTZ(3)");
        assertThat(ARRAY(INT())).hasToString("ARRAY<INT>");
        assertThat(MAP(STRING(), INT())).hasToString("MAP<STRING NOT NULL, INT>");
        assertThat(ROW(FIELD("a", INT()), FIELD("b", STRING()))).hasToString("ROW<`a` INT, `b` STRING>");
    }

    @Test
    void notNullAppendsNotNullAtEveryLevel() {
        assertThat(INT().notNull()).hasToString("INT NOT NULL");
        assertThat(DECIMAL(38, 0).notNull()).hasToString("DECIMAL(38, 0) NOT NULL");
        assertThat(TIMESTAMP_LTZ(9).notNull()).hasToString("TIMESTAMP_LTZ(9) NOT NULL");
        assertThat(ARRAY(INT().notNull()).notNull()).hasToString("ARRAY<INT NOT NULL> NOT NULL");
        assertThat(MAP(INT(), ARRAY(STRING())).notNull())
                .hasToString("MAP<INT NOT NULL, ARRAY<STRING>> NOT NULL");
        assertThat(ROW(FIELD("x", DOUBLE().notNull())).notNull()).hasToString("ROW<`x` DOUBLE NOT NULL> NOT NULL");
    }

    @Test
    void rowSummaryQuotesNamesAndHidesDescriptions() {
        RowType row = ROW(FIELD("we`ird", INT()), FIELD("street", STRING(), "where 'it' is"));

        assertThat(row).hasToString("ROW<`we``ird` INT, `street` STRING '...'>");
    }

    @Test
    void summaryAndToStringAgree() {
        DataType type = ARRAY(MAP(STRING(), ROW(FIELD("a", TIMESTAMP(3)))));

        assertThat(type.summary()).isEqualTo(type.toString())
                .isEqualTo("ARRAY<MAP<STRING NOT NULL, ROW<`a` TIMESTAMP(3)>>>");
    }

    @Test
    void factoriesReturnNullableTypesWithUpstreamDefaults() {
        assertThat(INT().nullable()).isTrue();
        assertThat(TIME().precision()).isZero();
        assertThat(TIMESTAMP().precision()).isEqualTo(6);
        assertThat(TIMESTAMP_LTZ().precision()).isEqualTo(6);
    }

    @Test
    void copyChangesOnlyNullability() {
        DecimalType decimal = DECIMAL(12, 4);

        DecimalType notNull = decimal.copy(false);

        assertThat(notNull).isEqualTo(new DecimalType(false, 12, 4));
        assertThat(notNull.copy(true)).isEqualTo(decimal);
        assertThat(notNull).isNotEqualTo(decimal);
    }

    @Test
    void rootNamesTheKindOfEachType() {
        assertThat(INT().root()).isEqualTo(DataTypeRoot.INTEGER);
        assertThat(TIME().root()).isEqualTo(DataTypeRoot.TIME_WITHOUT_TIME_ZONE);
        assertThat(TIMESTAMP().root()).isEqualTo(DataTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE);
        assertThat(TIMESTAMP_LTZ().root()).isEqualTo(DataTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
        assertThat(ROW().root()).isEqualTo(DataTypeRoot.ROW);
    }

    @Test
    void mapKeysAreMadeNotNull() {
        MapType map = MAP(STRING(), INT());

        assertThat(map.keyType()).isEqualTo(STRING().notNull());
        assertThat(map.valueType().nullable()).isTrue();
        assertThat(map).isEqualTo(MAP(STRING().notNull(), INT()));
    }

    @Test
    void rejectsOutOfRangeParametersNamingTheValue() {
        assertThatThrownBy(() -> CHAR(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CHAR length").hasMessageContaining("was 0");
        assertThatThrownBy(() -> BINARY(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BINARY length").hasMessageContaining("was -1");
        assertThatThrownBy(() -> DECIMAL(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DECIMAL precision").hasMessageContaining("was 0");
        assertThatThrownBy(() -> DECIMAL(39, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 39");
        assertThatThrownBy(() -> DECIMAL(5, 6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DECIMAL scale").hasMessageContaining("between 0 and 5")
                .hasMessageContaining("was 6");
        assertThatThrownBy(() -> TIME(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TIME precision").hasMessageContaining("was 10");
        assertThatThrownBy(() -> TIMESTAMP(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TIMESTAMP precision");
        assertThatThrownBy(() -> TIMESTAMP_LTZ(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TIMESTAMP_LTZ precision");
    }

    @Test
    void acceptsTheEdgesOfEveryRange() {
        assertThat(CHAR(1).length()).isEqualTo(1);
        assertThat(DECIMAL(1, 0).precision()).isEqualTo(1);
        assertThat(DECIMAL(38, 38).scale()).isEqualTo(38);
        assertThat(TIME(9).precision()).isEqualTo(9);
        assertThat(TIMESTAMP(0).precision()).isZero();
    }

    @Test
    void rowRejectsDuplicateAndBlankFieldNames() {
        assertThatThrownBy(() -> ROW(FIELD("a", INT()), FIELD("a", STRING())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[a]");
        assertThatThrownBy(() -> FIELD(" ", INT()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
    }

    @Test
    void rowTypeExposesItsFields() {
        RowType row = ROW(FIELD("a", INT()), FIELD("b", STRING(), "the b"));

        assertThat(row.fieldCount()).isEqualTo(2);
        assertThat(row.fieldNames()).containsExactly("a", "b");
        assertThat(row.fieldTypes()).containsExactly(INT(), STRING());
        assertThat(row.fieldIndex("b")).isEqualTo(1);
        assertThat(row.fieldIndex("c")).isEqualTo(-1);
        assertThat(row.fields().get(1).description()).isEqualTo("the b");
        assertThat(row.fields()).isUnmodifiable();
    }

    @Test
    void rowKeepsItsOwnCopyOfTheFields() {
        java.util.ArrayList<DataField> fields = new java.util.ArrayList<>(List.of(FIELD("a", INT())));
        RowType row = new RowType(fields);

        fields.add(FIELD("b", INT()));

        assertThat(row.fieldCount()).isEqualTo(1);
    }
}
