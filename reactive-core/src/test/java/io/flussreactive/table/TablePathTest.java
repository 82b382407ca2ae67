package io.flussreactive.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TablePathTest {

    @Test
    void printsAsDatabaseDotTable() {
        assertThat(TablePath.of("demo", "events")).hasToString("demo.events");
    }

    @Test
    void equalityIsByBothNames() {
        assertThat(TablePath.of("demo", "events")).isEqualTo(new TablePath("demo", "events"))
                .isNotEqualTo(TablePath.of("demo", "other"));
    }

    @Test
    void rejectsMissingOrEmptyNames() {
        assertThatThrownBy(() -> TablePath.of("", "t")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Database name");
        assertThatThrownBy(() -> TablePath.of("d", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Table name");
        assertThatThrownBy(() -> TablePath.of(null, "t")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("databaseName");
        assertThatThrownBy(() -> TablePath.of("d", null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("tableName");
    }
}
