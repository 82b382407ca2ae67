package io.flussreactive.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.type.DataTypes;
import org.junit.jupiter.api.Test;

class SchemaTest {

    @Test
    void keepsColumnsInOrderWithComments() {
        Schema schema = Schema.newBuilder()
                .column("id", DataTypes.INT())
                .column("name", DataTypes.STRING()).withComment("display name")
                .build();

        assertThat(schema.columnNames()).containsExactly("id", "name");
        assertThat(schema.columns()).containsExactly(
                new Column("id", DataTypes.INT()),
                new Column("name", DataTypes.STRING(), "display name"));
        assertThat(schema.column("name")).map(Column::comment).contains("display name");
        assertThat(schema.column("missing")).isEmpty();
        assertThat(schema.hasPrimaryKey()).isFalse();
        assertThat(schema.primaryKey()).isEmpty();
    }

    @Test
    void primaryKeyColumnsBecomeNotNull() {
        Schema schema = Schema.newBuilder()
                .column("id", DataTypes.BIGINT())
                .column("region", DataTypes.STRING()).withComment("kept")
                .column("value", DataTypes.DOUBLE())
                .primaryKey("region", "id")
                .build();

        assertThat(schema.primaryKey()).containsExactly("region", "id");
        assertThat(schema.hasPrimaryKey()).isTrue();
        assertThat(schema.column("id")).map(Column::dataType).contains(DataTypes.BIGINT().notNull());
        assertThat(schema.column("region")).contains(new Column("region", DataTypes.STRING().notNull(), "kept"));
        assertThat(schema.column("value")).map(Column::dataType).contains(DataTypes.DOUBLE());
    }

    @Test
    void rowTypeHasOneFieldPerColumn() {
        Schema schema = Schema.newBuilder()
                .column("id", DataTypes.INT())
                .column("tags", DataTypes.ARRAY(DataTypes.STRING()))
                .primaryKey("id")
                .build();

        assertThat(schema.rowType()).hasToString("ROW<`id` INT NOT NULL, `tags` ARRAY<STRING>>");
    }

    @Test
    void rejectsDuplicateColumns() {
        Schema.Builder builder = Schema.newBuilder()
                .column("a", DataTypes.INT())
                .column("a", DataTypes.STRING());

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Duplicate column names: [a]");
    }

    @Test
    void rejectsPrimaryKeyOnUnknownColumn() {
        Schema.Builder builder = Schema.newBuilder().column("a", DataTypes.INT()).primaryKey("b");

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'b'").hasMessageContaining("[a]");
    }

    @Test
    void rejectsRepeatedPrimaryKeyColumnAndEmptyKey() {
        Schema.Builder builder = Schema.newBuilder().column("a", DataTypes.INT()).primaryKey("a", "a");

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repeats columns: [a]");
        assertThatThrownBy(() -> Schema.newBuilder().primaryKey())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void commentNeedsAPrecedingColumn() {
        assertThatThrownBy(() -> Schema.newBuilder().withComment("x"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void schemasWithTheSameColumnsAndKeyAreEqual() {
        Schema first = Schema.newBuilder().column("a", DataTypes.INT()).primaryKey("a").build();
        Schema second = Schema.newBuilder().column("a", DataTypes.INT().notNull()).primaryKey("a").build();

        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
    }
}
