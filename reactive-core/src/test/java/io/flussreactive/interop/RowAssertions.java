package io.flussreactive.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.row.Row;
import java.util.Comparator;
import java.util.List;
import org.assertj.core.api.SoftAssertions;

/** Assertions on rows read by one client and written by the other, reporting each value that differs. */
public final class RowAssertions {

    private RowAssertions() {
    }

    /**
     * Asserts that both lists hold the same rows, whatever their order: rows are matched by the INT
     * at {@code idColumn}, and every value that differs is reported with its row id and column name
     * (values are compared as {@link ComparableValues}).
     *
     * @param actual the rows read
     * @param expected the rows written
     * @param names the column names
     * @param idColumn the position of an INT column that tells the rows apart
     */
    public static void assertSameRows(List<? extends Row> actual, List<? extends Row> expected, List<String> names,
            int idColumn) {
        assertThat(actual).as("rows").doesNotContainNull();
        Comparator<Row> byId = Comparator.comparingInt(r -> r.getInt(idColumn));
        List<? extends Row> actualSorted = actual.stream().sorted(byId).toList();
        List<? extends Row> expectedSorted = expected.stream().sorted(byId).toList();
        assertThat(actualSorted).extracting(r -> r.getInt(idColumn)).as("row ids")
                .containsExactlyElementsOf(expectedSorted.stream().map(r -> r.getInt(idColumn)).toList());
        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < expectedSorted.size(); i++) {
            Row a = actualSorted.get(i);
            Row e = expectedSorted.get(i);
            softly.assertThat(a.fieldCount()).as("width of row %s", e.getInt(idColumn)).isEqualTo(names.size());
            for (int c = 0; c < names.size(); c++) {
                softly.assertThat(ComparableValues.of(a.get(c)))
                        .as("row %s column %s", e.getInt(idColumn), names.get(c))
                        .isEqualTo(ComparableValues.of(e.get(c)));
            }
        }
        softly.assertAll();
    }
}
