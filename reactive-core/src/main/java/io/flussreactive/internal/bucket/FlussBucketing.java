package io.flussreactive.internal.bucket;

/**
 * The bucketing function of tables without a lakehouse format (and of {@code lance} tables): a 32-bit
 * MurmurHash3 of the bucket-key bytes with seed 42, mixed once more, modulo the number of buckets.
 *
 * <p>The hash is not standard MurmurHash3: the bytes after the last whole 4-byte word are each mixed in
 * by a full round of their own, sign-extended, instead of being combined into one last word. Keys
 * whose length is not a multiple of 4 therefore hash differently than with an off-the-shelf
 * implementation. Words are read little-endian.
 */
public final class FlussBucketing {

    private static final int SEED = 42;
    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private FlussBucketing() {
    }

    /**
     * Returns the bucket of a bucket key.
     *
     * @param bucketKey the encoded bucket key, not empty
     * @param numBuckets the number of buckets, positive
     * @return the bucket, in {@code [0, numBuckets)}
     * @throws IllegalArgumentException if the key is empty or the bucket count is not positive
     */
    public static int bucket(byte[] bucketKey, int numBuckets) {
        if (bucketKey.length == 0) {
            throw new IllegalArgumentException("A bucket key cannot be empty");
        }
        if (numBuckets <= 0) {
            throw new IllegalArgumentException("The number of buckets must be positive, not " + numBuckets);
        }
        return mixInt(hashBytes(bucketKey)) % numBuckets;
    }

    /**
     * Returns the Fluss hash of some bytes.
     *
     * @param bytes the bytes
     * @return the hash
     */
    public static int hashBytes(byte[] bytes) {
        int length = bytes.length;
        int aligned = length - length % 4;
        int hash = SEED;
        for (int i = 0; i < aligned; i += 4) {
            int word = (bytes[i] & 0xFF) | (bytes[i + 1] & 0xFF) << 8 | (bytes[i + 2] & 0xFF) << 16 | bytes[i + 3] << 24;
            hash = mixHash(hash, mixWord(word));
        }
        for (int i = aligned; i < length; i++) {
            hash = mixHash(hash, mixWord(bytes[i]));
        }
        return finish(hash ^ length);
    }

    /**
     * Mixes a hash once more into a non-negative number, as Fluss does before taking the modulo.
     *
     * @param hash a hash
     * @return a non-negative number
     */
    public static int mixInt(int hash) {
        int mixed = finish(mixHash(0, mixWord(hash)) ^ 4);
        if (mixed >= 0) {
            return mixed;
        }
        return mixed == Integer.MIN_VALUE ? 0 : -mixed;
    }

    private static int mixWord(int word) {
        return Integer.rotateLeft(word * C1, 15) * C2;
    }

    private static int mixHash(int hash, int mixedWord) {
        return Integer.rotateLeft(hash ^ mixedWord, 13) * 5 + 0xe6546b64;
    }

    private static int finish(int hash) {
        hash ^= hash >>> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >>> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >>> 16;
        return hash;
    }
}
