package io.flussreactive.internal.write;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PerBucketTest {

    @Test
    void valuesAreFoundByPartitionAndBucket() {
        PerBucket<String> values = new PerBucket<>(4);
        values.put(-1, 0, "table 0");
        values.put(7, 0, "p7 0");
        values.put(7, 3, "p7 3");
        values.put(300, 3, "p300 3");

        assertThat(values.get(-1, 0)).isEqualTo("table 0");
        assertThat(values.get(7, 0)).isEqualTo("p7 0");
        assertThat(values.get(7, 3)).isEqualTo("p7 3");
        assertThat(values.get(300, 3)).isEqualTo("p300 3");
        assertThat(values.get(7, 1)).isNull();
        assertThat(values.get(8, 0)).isNull();
        assertThat(values.size()).isEqualTo(4);
        assertThat(values.values()).containsExactlyInAnyOrder("table 0", "p7 0", "p7 3", "p300 3");
    }

    @Test
    void aValueIsRemovedOnlyIfItIsTheOneAsked() {
        PerBucket<String> values = new PerBucket<>(2);
        String current = "current";
        values.put(5, 1, current);

        assertThat(values.remove(5, 1, "an older one")).isFalse();
        assertThat(values.get(5, 1)).isSameAs(current);
        assertThat(values.remove(5, 1, current)).isTrue();
        assertThat(values.get(5, 1)).isNull();
        assertThat(values.size()).isZero();
        assertThat(values.values()).isEmpty();
        assertThat(values.remove(5, 1, current)).isFalse();
    }

    @Test
    void replacingAValueDoesNotCountItTwice() {
        PerBucket<String> values = new PerBucket<>(2);
        values.put(-1, 1, "first");
        values.put(-1, 1, "second");

        assertThat(values.size()).isEqualTo(1);
        assertThat(values.get(-1, 1)).isEqualTo("second");
    }

    @Test
    void aBucketBeyondTheTableBucketCountStillHasItsValue() {
        PerBucket<String> values = new PerBucket<>(2);
        values.put(-1, 5, "table 5");
        values.put(3, 9, "p3 9");

        assertThat(values.get(-1, 5)).isEqualTo("table 5");
        assertThat(values.get(3, 9)).isEqualTo("p3 9");
        assertThat(values.get(3, 10)).isNull();
        assertThat(values.size()).isEqualTo(2);
    }
}
