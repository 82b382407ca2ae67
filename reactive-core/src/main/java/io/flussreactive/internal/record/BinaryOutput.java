package io.flussreactive.internal.record;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable byte array that row encoders write into, little-endian like every fixed-width field
 * inside Fluss records. It is reused from row to row, so every byte an encoder relies on being zero
 * must be written (see {@link #writeZeros(int)}).
 *
 * <p>Not thread-safe.
 */
final class BinaryOutput {

    private static final VarHandle SHORT_LE =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes;
    private int position;

    BinaryOutput(int initialCapacity) {
        this.bytes = new byte[Math.max(16, initialCapacity)];
    }

    /** The number of bytes written since the last {@link #reset()}. */
    int position() {
        return position;
    }

    /** The backing array; valid bytes are {@code [0, position())}. */
    byte[] array() {
        return bytes;
    }

    /** Forgets everything written, keeping the capacity. */
    void reset() {
        position = 0;
    }

    /** A copy of the bytes in {@code [from, position())}. */
    byte[] copyFrom(int from) {
        return Arrays.copyOfRange(bytes, from, position);
    }

    void writeByte(int value) {
        ensureCapacity(1);
        bytes[position++] = (byte) value;
    }

    void writeShort(short value) {
        ensureCapacity(2);
        SHORT_LE.set(bytes, position, value);
        position += 2;
    }

    void writeInt(int value) {
        ensureCapacity(4);
        INT_LE.set(bytes, position, value);
        position += 4;
    }

    void writeLong(long value) {
        ensureCapacity(8);
        LONG_LE.set(bytes, position, value);
        position += 8;
    }

    /**
     * Writes the 32 bits of {@code value} as an unsigned varint: 7-bit groups, lowest first, high bit
     * set on every byte but the last. Negative values take 5 bytes (there is no zig-zag step).
     */
    void writeVarInt(int value) {
        ensureCapacity(5);
        while ((value & ~0x7F) != 0) {
            bytes[position++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[position++] = (byte) value;
    }

    /** Writes the 64 bits of {@code value} as an unsigned varint; negative values take 10 bytes. */
    void writeVarLong(long value) {
        ensureCapacity(10);
        while ((value & ~0x7FL) != 0) {
            bytes[position++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[position++] = (byte) value;
    }

    void writeBytes(byte[] source) {
        writeBytes(source, 0, source.length);
    }

    void writeBytes(byte[] source, int offset, int length) {
        ensureCapacity(length);
        System.arraycopy(source, offset, bytes, position, length);
        position += length;
    }

    /** Appends {@code count} zero bytes. */
    void writeZeros(int count) {
        ensureCapacity(count);
        Arrays.fill(bytes, position, position + count, (byte) 0);
        position += count;
    }

    /** Appends zeros until the bytes written since {@code start} are a multiple of 8. */
    void padToWord(int start) {
        int remainder = (position - start) & 7;
        if (remainder != 0) {
            writeZeros(8 - remainder);
        }
    }

    void putByte(int index, int value) {
        bytes[index] = (byte) value;
    }

    void putShort(int index, short value) {
        SHORT_LE.set(bytes, index, value);
    }

    void putInt(int index, int value) {
        INT_LE.set(bytes, index, value);
    }

    void putLong(int index, long value) {
        LONG_LE.set(bytes, index, value);
    }

    /** Sets bit {@code bit} of the bit set that starts at {@code base}: byte {@code bit / 8}, bit {@code bit % 8}. */
    void setBit(int base, int bit) {
        bytes[base + (bit >>> 3)] |= (byte) (1 << (bit & 7));
    }

    private void ensureCapacity(int more) {
        if (bytes.length - position < more) {
            int needed = position + more;
            if (needed < 0) {
                throw new IllegalArgumentException("A row cannot be larger than 2 GiB");
            }
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }
}
