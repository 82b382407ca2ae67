package io.flussreactive.internal.record;

/**
 * UTF-8 encoding of strings into a reusable array, so that writing a string column allocates
 * nothing per value. An unpaired surrogate becomes {@code '?'}, as in {@link String#getBytes}.
 */
final class ArrowUtf8 {

    private static final byte REPLACEMENT = '?';

    private ArrowUtf8() {}

    /** The number of bytes {@link #encode} writes for {@code text}. */
    static int encodedLength(String text) {
        int chars = text.length();
        int bytes = chars;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(text.charAt(i + 1))) {
                // Two chars, four bytes.
                bytes += 2;
                i++;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            }
        }
        return bytes;
    }

    /**
     * Encodes {@code text} at the start of {@code target}, which must hold {@link #encodedLength}
     * bytes.
     *
     * @return the number of bytes written
     */
    static int encode(String text, byte[] target) {
        int chars = text.length();
        int at = 0;
        int i = 0;
        while (i < chars) {
            char c = text.charAt(i++);
            if (c < 0x80) {
                target[at++] = (byte) c;
            } else if (c < 0x800) {
                target[at++] = (byte) (0xC0 | (c >> 6));
                target[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i < chars && Character.isLowSurrogate(text.charAt(i))) {
                    int codePoint = Character.toCodePoint(c, text.charAt(i++));
                    target[at++] = (byte) (0xF0 | (codePoint >> 18));
                    target[at++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                    target[at++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                    target[at++] = (byte) (0x80 | (codePoint & 0x3F));
                } else {
                    target[at++] = REPLACEMENT;
                }
            } else {
                target[at++] = (byte) (0xE0 | (c >> 12));
                target[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                target[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return at;
    }
}
