package io.flussreactive.internal.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The behaviour of the three bucket assigners. */
class BucketAssignerTest {

    private static final int[] NONE = new int[0];

    @Test
    void stickyKeepsOneAvailableBucketUntilItsBatchIsFull() {
        StickyBucketAssigner assigner = new StickyBucketAssigner(8);
        int[] available = {1, 3, 5};

        int first = assigner.assignBucket(null, available);
        for (int i = 0; i < 100; i++) {
            assertThat(assigner.assignBucket(null, available)).isEqualTo(first);
        }
        assertThat(first).isIn(1, 3, 5);
        assertThat(assigner.reassignsWhenBatchFull()).isTrue();
    }

    @Test
    void stickyMovesToAnotherAvailableBucketWhenItsBatchIsFull() {
        StickyBucketAssigner assigner = new StickyBucketAssigner(8);
        int[] available = {1, 3, 5};
        Set<Integer> seen = new HashSet<>();

        int current = assigner.assignBucket(null, available);
        for (int i = 0; i < 200; i++) {
            assigner.onBatchFull(current, available);
            int next = assigner.assignBucket(null, available);
            assertThat(next).isNotEqualTo(current).isIn(1, 3, 5);
            seen.add(next);
            current = next;
        }
        assertThat(seen).containsExactlyInAnyOrder(1, 3, 5);
    }

    @Test
    void stickyIgnoresAFullBatchOfABucketItAlreadyLeft() {
        StickyBucketAssigner assigner = new StickyBucketAssigner(8);
        int[] available = {1, 3};
        int current = assigner.assignBucket(null, available);

        assigner.onBatchFull(current == 1 ? 3 : 1, available);

        assertThat(assigner.assignBucket(null, available)).isEqualTo(current);
    }

    @Test
    void stickyStaysOnTheOnlyAvailableBucketAndUsesAnyBucketWhenNoneIsAvailable() {
        StickyBucketAssigner single = new StickyBucketAssigner(8);
        assertThat(single.assignBucket(null, new int[] {6})).isEqualTo(6);
        single.onBatchFull(6, new int[] {6});
        assertThat(single.assignBucket(null, new int[] {6})).isEqualTo(6);

        for (int i = 0; i < 100; i++) {
            StickyBucketAssigner none = new StickyBucketAssigner(4);
            assertThat(none.assignBucket(null, NONE)).isBetween(0, 3);
        }
    }

    @Test
    void roundRobinCyclesThroughTheAvailableBucketsFromItsStart() {
        RoundRobinBucketAssigner assigner = new RoundRobinBucketAssigner(8, 4);
        int[] available = {0, 2, 7};

        int[] buckets = new int[6];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = assigner.assignBucket(null, available);
        }

        assertThat(buckets).containsExactly(2, 7, 0, 2, 7, 0);
        assertThat(assigner.reassignsWhenBatchFull()).isFalse();
    }

    @Test
    void roundRobinDropsTheSignBitWhenItsCounterOverflows() {
        RoundRobinBucketAssigner assigner = new RoundRobinBucketAssigner(5, Integer.MAX_VALUE);

        assertThat(assigner.assignBucket(null, NONE)).isEqualTo(Integer.MAX_VALUE % 5);
        assertThat(assigner.assignBucket(null, NONE)).isZero();
        assertThat(assigner.assignBucket(null, NONE)).isEqualTo(1);
    }

    @Test
    void roundRobinStartsAtARandomPoint() {
        Set<Integer> firsts = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            firsts.add(new RoundRobinBucketAssigner(16).assignBucket(null, NONE));
        }
        assertThat(firsts).hasSizeGreaterThan(1);
    }

    @Test
    void keyAssignerHashesTheBucketKey() {
        KeyBucketAssigner assigner = new KeyBucketAssigner(16);
        byte[] key = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);

        assertThat(new KeyBucketAssigner(8).assignBucket(key, new int[] {0})).isEqualTo(6);
        assertThat(assigner.assignBucket(new byte[] {1}, NONE)).isEqualTo(12);
        assertThat(assigner.reassignsWhenBatchFull()).isFalse();
        assertThatThrownBy(() -> assigner.assignBucket(null, NONE)).isInstanceOf(IllegalArgumentException.class);
    }
}
