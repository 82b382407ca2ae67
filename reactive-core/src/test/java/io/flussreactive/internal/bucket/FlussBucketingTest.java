package io.flussreactive.internal.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.apache.fluss.bucketing.FlussBucketingFunction;
import org.apache.fluss.utils.MurmurHashUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Fluss bucketing function against the protocol guide's vectors and the official function. */
class FlussBucketingTest {

    @ParameterizedTest(name = "{0} in {1} buckets -> {2}")
    @CsvSource({
        "000a, 7, 1",
        "000a0a0a, 12, 0",
        "01, 3, 0",
        "01, 4, 0",
        "01, 16, 12",
        "ffffffff0f, 3, 0",
        "ffffffff0f, 4, 2",
        "ffffffff0f, 16, 10",
        "0161, 3, 1",
        "0161, 4, 3",
        "0161, 16, 11",
        "0102, 3, 0",
        "0102, 4, 2",
        "0102, 16, 2",
    })
    void bucketsOfTheGuidesKeyBytes(String hex, int numBuckets, int bucket) {
        assertThat(FlussBucketing.bucket(HexFormat.of().parseHex(hex), numBuckets)).isEqualTo(bucket);
    }

    @ParameterizedTest(name = "{0} in {1} buckets -> {2}")
    @CsvSource({
        "2bb87d68-baf9-4e64-90f9-f80910419fa6, 16, 6",
        "The quick brown fox jumps over the lazy dog, 8, 6",
    })
    void bucketsOfTheGuidesTextKeys(String text, int numBuckets, int bucket) {
        assertThat(FlussBucketing.bucket(text.getBytes(StandardCharsets.UTF_8), numBuckets)).isEqualTo(bucket);
    }

    @Test
    void randomKeysOfEveryLengthHashAndBucketLikeTheOfficialFunction() {
        Random random = new Random(5);
        FlussBucketingFunction official = new FlussBucketingFunction();
        for (int i = 0; i < 20_000; i++) {
            byte[] key = new byte[1 + random.nextInt(67)];
            random.nextBytes(key);
            int numBuckets = 1 + random.nextInt(1024);

            assertThat(FlussBucketing.hashBytes(key)).isEqualTo(MurmurHashUtils.hashBytes(key));
            assertThat(FlussBucketing.bucket(key, numBuckets)).isEqualTo(official.bucketing(key, numBuckets));
        }
    }

    @Test
    void mixIntNeverReturnsANegativeNumber() {
        Random random = new Random(6);
        for (int i = 0; i < 100_000; i++) {
            assertThat(FlussBucketing.mixInt(random.nextInt())).isNotNegative();
        }
        assertThat(FlussBucketing.mixInt(Integer.MIN_VALUE)).isNotNegative();
    }

    @Test
    void emptyKeysAndBucketCountsBelowOneAreRejected() {
        assertThatThrownBy(() -> FlussBucketing.bucket(new byte[0], 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> FlussBucketing.bucket(new byte[] {1}, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
