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
import static io.flussreactive.type.DataTypes.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.interop.EveryType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeParsingTest {

    /** Every scalar type, with the smallest and largest of each parameter. */
    private static List<DataType> scalarTypes() {
        List<DataType> types = new ArrayList<>(List.of(
                BOOLEAN(), TINYINT(), SMALLINT(), INT(), BIGINT(), FLOAT(), DOUBLE(), STRING(), BYTES(), DATE(),
                CHAR(1), CHAR(10), CHAR(Integer.MAX_VALUE), BINARY(1), BINARY(12), BINARY(Integer.MAX_VALUE),
                DECIMAL(1, 0), DECIMAL(1, 1), DECIMAL(10, 2), DECIMAL(38, 0), DECIMAL(38, 38)));
        for (int precision = 0; precision <= 9; precision++) {
            types.add(TIME(precision));
            types.add(TIMESTAMP(precision));
            types.add(TIMESTAMP_LTZ(precision));
        }
        return types;
    }

    /** Each type nullable and NOT NULL. */
    private static List<DataType> bothNullabilities(List<DataType> types) {
        List<DataType> both = new ArrayList<>();
        for (DataType type : types) {
            both.add(type);
            both.add(type.notNull());
        }
        return both;
    }

    /** Each type as an array element, a map key and value, and a row field, each nullable and NOT NULL. */
    private static List<DataType> wrapped(List<DataType> types) {
        List<DataType> wrapped = new ArrayList<>();
        for (DataType type : types) {
            wrapped.add(ARRAY(type));
            wrapped.add(MAP(type, type));
            wrapped.add(ROW(FIELD("f", type), FIELD("g", INT().notNull())));
        }
        return bothNullabilities(wrapped);
    }

    /** Scalars, and scalars inside one and two levels of ARRAY, MAP and ROW. */
    private static List<DataType> everyType() {
        List<DataType> scalars = bothNullabilities(scalarTypes());
        List<DataType> once = wrapped(scalars);
        List<DataType> types = new ArrayList<>(scalars);
        types.addAll(once);
        types.addAll(wrapped(once));
        types.add(ROW());
        types.add(ROW().notNull());
        types.add(ARRAY(ROW()));
        return types;
    }

    @Test
    void parsingTheTextOfATypeGivesTheTypeBack() {
        List<DataType> types = everyType();

        assertThat(types).hasSizeGreaterThan(3000);
        for (DataType type : types) {
            assertThat(parse(type.toString())).as(type.toString()).isEqualTo(type);
        }
    }

    @Test
    void theSharedListOfEveryTypeReadsBackToTheSameText() {
        for (EveryType.TypePair pair : EveryType.pairsWithMorePrecisions()) {
            DataType type = pair.ours();

            assertThat(parse(type.toString())).hasToString(type.toString());
            assertThat(parse(pair.upstream().asSummaryString())).hasToString(type.toString());
        }
    }

    @Test
    void fieldNamesComeBackExactlyHoweverTheyAreQuoted() {
        RowType row = ROW(
                FIELD("we`ird", INT()), FIELD("``", INT()), FIELD("with space", INT()), FIELD("a, b<c> NOT NULL", INT()),
                FIELD("ROW", INT()), FIELD("日本", INT()), FIELD("'quoted'", INT()), FIELD(" padded ", INT()));

        assertThat(parse(row.toString())).isEqualTo(row);
    }

    @Test
    void aDescriptionIsReadAsTheTextBetweenSingleQuotes() {
        assertThat(parse("ROW<`a` INT 'the a', `b` STRING NOT NULL 'it''s b', `c` INT>"))
                .isEqualTo(ROW(FIELD("a", INT(), "the a"), FIELD("b", STRING().notNull(), "it's b"), FIELD("c", INT())));
    }

    @Test
    void aDescriptionWrittenByToStringComesBackAsTheDots() {
        RowType described = ROW(FIELD("street", STRING(), "street name"));

        assertThat(parse(described.toString())).isEqualTo(ROW(FIELD("street", STRING(), "...")));
    }

    @Test
    void keywordsAreReadInAnyCase() {
        assertThat(parse("decimal(10, 2) not null")).isEqualTo(DECIMAL(10, 2).notNull());
        assertThat(parse("Map<String, Array<Timestamp_Ltz(3) Not Null>>"))
                .isEqualTo(MAP(STRING(), ARRAY(TIMESTAMP_LTZ(3).notNull())));
        assertThat(parse("row<`Id` bigint>")).isEqualTo(ROW(FIELD("Id", BIGINT())));
    }

    @Test
    void whitespaceIsAllowedBetweenAllPartsAndAroundTheType() {
        assertThat(parse("  DECIMAL ( 10 ,2 )  NOT \t NULL \n")).isEqualTo(DECIMAL(10, 2).notNull());
        assertThat(parse("DECIMAL(10,2)")).isEqualTo(DECIMAL(10, 2));
        assertThat(parse("MAP <INT,ROW<`a`INT NOT NULL,`b`  ARRAY < BYTES > > >"))
                .isEqualTo(MAP(INT(), ROW(FIELD("a", INT().notNull()), FIELD("b", ARRAY(BYTES())))));
        assertThat(parse("ROW< >")).isEqualTo(ROW());
    }

    @Test
    void theShortFormsTakeTheDefaultsOfTheFactories() {
        assertThat(parse("DECIMAL(12)")).isEqualTo(DECIMAL(12, 0));
        assertThat(parse("TIME")).isEqualTo(TIME());
        assertThat(parse("TIMESTAMP")).isEqualTo(TIMESTAMP());
        assertThat(parse("TIMESTAMP_LTZ NOT NULL")).isEqualTo(TIMESTAMP_LTZ().notNull());
        assertThat(parse("INTEGER")).isEqualTo(INT());
    }

    @Test
    void theSqlFormOfTimestampLtzIsAccepted() {
        assertThat(parse("TIMESTAMP(3) WITH LOCAL TIME ZONE")).isEqualTo(TIMESTAMP_LTZ(3));
        assertThat(parse("timestamp with local time zone not null")).isEqualTo(TIMESTAMP_LTZ().notNull());
    }

    @Test
    void plainWordsAreAcceptedAsFieldNames() {
        assertThat(parse("ROW<id BIGINT NOT NULL, _tag STRING, int INT>"))
                .isEqualTo(ROW(FIELD("id", BIGINT().notNull()), FIELD("_tag", STRING()), FIELD("int", INT())));
    }

    @Test
    void mapKeysAreNotNullWhetherOrNotTheTextSaysSo() {
        assertThat(parse("MAP<STRING, INT>")).isEqualTo(parse("MAP<STRING NOT NULL, INT>"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"                            | expected a type name at position 0",
        "\"   \"                         | expected a type name at position 3",
        "VARCHAR(10)                     | unknown type name 'VARCHAR' at position 0",
        "ARRAY<TEXT>                     | unknown type name 'TEXT' at position 6",
        "DECIMAL(10,                     | expected a number (the scale) at position 11",
        "DECIMAL(10                      | expected ',' or ')' at position 10",
        "DECIMAL(10, 2                   | expected ')' at position 13",
        "DECIMAL                         | expected '(' at position 7",
        "CHAR(x)                         | expected a number (the length) at position 5",
        "TIME(-1)                        | expected a number (the precision) at position 5",
        "BINARY(99999999999)             | the length 99999999999 is too large at position 7",
        "ARRAY<INT                       | expected '>' at position 9",
        "ARRAY INT                       | expected '<' at position 6",
        "MAP<INT>                        | expected ',' at position 7",
        "ROW<a INT b INT>                | expected ',' or '>' at position 10",
        "ROW<1 INT>                      | expected a field name at position 4",
        "ROW<a>                          | expected a type name at position 5",
        "ROW<`a INT>                     | the field name opened by ` at position 4 is not closed",
        "ROW<`a` INT 'b>                 | the description opened by ' at position 12 is not closed",
        "INT NOT                         | expected NULL after NOT at position 7",
        "INT NOT NULL NOT NULL           | expected the end of the type at position 13",
        "INT,                            | expected the end of the type at position 3",
        "TIMESTAMP(3) WITH TIME ZONE     | expected LOCAL in WITH LOCAL TIME ZONE at position 18",
    })
    void malformedTextIsRejectedNamingTheTextThePositionAndWhatWasExpected(String text, String problem) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot parse type '" + text + "': " + problem);
    }

    @Test
    void outOfRangeParametersAreRejectedWithTheMessageOfTheType() {
        assertThatThrownBy(() -> parse("DECIMAL(39, 0)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot parse type 'DECIMAL(39, 0)': the type at position 0 is invalid: "
                        + "DECIMAL precision must be between 1 and 38 (inclusive), but was 39");
        assertThatThrownBy(() -> parse("ARRAY<TIME(10)>"))
                .hasMessage("Cannot parse type 'ARRAY<TIME(10)>': the type at position 6 is invalid: "
                        + "TIME precision must be between 0 and 9 (inclusive), but was 10");
        assertThatThrownBy(() -> parse("MAP<INT, DECIMAL(5, 6)>"))
                .hasMessageContaining("the type at position 9 is invalid: DECIMAL scale");
        assertThatThrownBy(() -> parse("CHAR(0)")).hasMessageContaining("CHAR length");
    }

    @Test
    void invalidRowsAreRejectedNamingTheRowOrTheField() {
        assertThatThrownBy(() -> parse("ARRAY<ROW<a INT, `a` STRING>>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot parse type 'ARRAY<ROW<a INT, `a` STRING>>': the type at position 6 is invalid: "
                        + "Row field names must be unique, duplicates: [a]");
        assertThatThrownBy(() -> parse("ROW<` ` INT>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot parse type 'ROW<` ` INT>': the field at position 4 is invalid: "
                        + "Field name must not be blank");
    }

    @Test
    void nullTextIsRejected() {
        assertThatThrownBy(() -> parse(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("text");
    }
}
