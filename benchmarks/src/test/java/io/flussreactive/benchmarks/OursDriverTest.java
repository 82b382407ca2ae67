package io.flussreactive.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the concurrent-writes workload shares its rows among writers. */
class OursDriverTest {

    @Test
    void everyRowBelongsToExactlyOneWriter() {
        for (int[] shape : new int[][] {{200_000, 256}, {1_000, 256}, {100, 256}, {7, 3}, {1, 1}}) {
            int rows = shape[0];
            int writers = shape[1];
            long total = 0;
            for (int w = 0; w < writers; w++) {
                int count = OursDriver.rowsOfWriter(w, rows, writers);
                total += count;
                if (count > 0) {
                    // The writer's last row, w + (count - 1) * writers, is a row; the one after it is not.
                    assertThat(w + (long) (count - 1) * writers).isLessThan(rows);
                    assertThat(w + (long) count * writers).isGreaterThanOrEqualTo(rows);
                }
            }
            assertThat(total).as("rows %d, writers %d", rows, writers).isEqualTo(rows);
        }
    }
}
