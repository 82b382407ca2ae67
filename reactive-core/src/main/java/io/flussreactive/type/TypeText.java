package io.flussreactive.type;

/** Text helpers shared by the summaries of all types; {@link TypeParser} reads the summaries back. */
final class TypeText {

    private TypeText() {}

    static String withNullability(String text, boolean nullable) {
        return nullable ? text : text + " NOT NULL";
    }

    /** Quotes a field name with backticks, doubling the backticks inside it. */
    static String quoteName(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    static void checkRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    what + " must be between " + min + " and " + max + " (inclusive), but was " + value);
        }
    }
}
