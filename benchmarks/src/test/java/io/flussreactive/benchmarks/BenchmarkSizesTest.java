package io.flussreactive.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code --scale} shortens the counts of a run and keeps its shapes. */
class BenchmarkSizesTest {

    @Test
    void scalingChangesTheCountsAndKeepsWritersPartitionsBucketsAndPace() {
        BenchmarkSizes full = BenchmarkSizes.full();

        BenchmarkSizes tenth = full.scaled(0.1);

        assertThat(tenth.appendRows()).isEqualTo(200_000);
        assertThat(tenth.sequentialWrites()).isEqualTo(200);
        assertThat(tenth.concurrentWrites()).isEqualTo(20_000);
        assertThat(tenth.manyBucketsRows()).isEqualTo(200_000);
        assertThat(tenth.tailRows()).isEqualTo(1_000);
        assertThat(tenth.concurrentWriters()).isEqualTo(full.concurrentWriters());
        assertThat(tenth.lookupsInFlight()).isEqualTo(full.lookupsInFlight());
        assertThat(tenth.partitions()).isEqualTo(16);
        assertThat(tenth.bucketsPerPartition()).isEqualTo(32);
        assertThat(tenth.tailRowsPerSecond()).isEqualTo(1_000);
    }

    @Test
    void aTinyScaleLeavesAtLeastOneOfEachAndOneRowPerConcurrentWriter() {
        BenchmarkSizes tiny = BenchmarkSizes.smoke().scaled(0.000_001);

        assertThat(tiny.sequentialWrites()).isEqualTo(1);
        assertThat(tiny.tailRows()).isEqualTo(1);
        assertThat(tiny.concurrentWrites()).isEqualTo(tiny.concurrentWriters());
    }

    @Test
    void aScaleOfZeroOrLessIsRefused() {
        assertThatThrownBy(() -> BenchmarkSizes.full().scaled(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchmarkSizes.full().scaled(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
