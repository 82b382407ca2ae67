package io.flussreactive.type;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the text that {@link DataType#summary()} writes back into a type; see {@link
 * DataTypes#parse(String)} for the grammar. The writing side lives in {@link TypeText} and the
 * summaries of the types.
 *
 * <p>A hand-written recursive descent over the characters: each method reads one part of the
 * grammar from {@link #pos} onwards and leaves {@link #pos} just after it.
 */
final class TypeParser {

    private final String input;
    private int pos;

    private TypeParser(String input) {
        this.input = input;
    }

    /** Parses the whole of {@code input} as one type. */
    static DataType parse(String input) {
        TypeParser parser = new TypeParser(input);
        DataType type = parser.type();
        parser.skipWhitespace();
        if (parser.pos < input.length()) {
            throw parser.expected("the end of the type");
        }
        return type;
    }

    /** A type with its optional NOT NULL suffix. */
    private DataType type() {
        DataType type = typeWithoutNullability();
        skipWhitespace();
        if (acceptWord("NOT")) {
            skipWhitespace();
            if (!acceptWord("NULL")) {
                throw expected("NULL after NOT");
            }
            return type.notNull();
        }
        return type;
    }

    private DataType typeWithoutNullability() {
        int start = skipWhitespace();
        String name = word();
        if (name == null) {
            throw expected("a type name");
        }
        try {
            return switch (name.toUpperCase(Locale.ROOT)) {
                case "BOOLEAN" -> DataTypes.BOOLEAN();
                case "TINYINT" -> DataTypes.TINYINT();
                case "SMALLINT" -> DataTypes.SMALLINT();
                case "INT", "INTEGER" -> DataTypes.INT();
                case "BIGINT" -> DataTypes.BIGINT();
                case "FLOAT" -> DataTypes.FLOAT();
                case "DOUBLE" -> DataTypes.DOUBLE();
                case "STRING" -> DataTypes.STRING();
                case "BYTES" -> DataTypes.BYTES();
                case "DATE" -> DataTypes.DATE();
                case "CHAR" -> DataTypes.CHAR(requiredParameter("the length"));
                case "BINARY" -> DataTypes.BINARY(requiredParameter("the length"));
                case "DECIMAL" -> decimal();
                case "TIME" -> DataTypes.TIME(optionalParameter(TimeType.DEFAULT_PRECISION));
                case "TIMESTAMP" -> timestamp();
                case "TIMESTAMP_LTZ" ->
                        DataTypes.TIMESTAMP_LTZ(optionalParameter(LocalZonedTimestampType.DEFAULT_PRECISION));
                case "ARRAY" -> array();
                case "MAP" -> map();
                case "ROW" -> row();
                default -> throw error("unknown type name '" + name + "'", start);
            };
        } catch (ParseFailure failure) {
            throw failure;
        } catch (IllegalArgumentException rejected) {
            // A well-formed type with parameters the type rejects, such as DECIMAL(40, 2) or duplicate
            // ROW field names: the type's own message says which.
            throw invalid("type", rejected, start);
        }
    }

    /** {@code DECIMAL(p, s)}, or {@code DECIMAL(p)} with scale 0. */
    private DecimalType decimal() {
        expect('(');
        int precision = number("the precision");
        skipWhitespace();
        int scale = 0;
        if (peek() == ',') {
            pos++;
            scale = number("the scale");
        } else if (peek() != ')') {
            throw expected("',' or ')'");
        }
        expect(')');
        return DataTypes.DECIMAL(precision, scale);
    }

    /** {@code TIMESTAMP[(p)]}, or {@code TIMESTAMP[(p)] WITH LOCAL TIME ZONE}, the SQL form of TIMESTAMP_LTZ. */
    private DataType timestamp() {
        int precision = optionalParameter(TimestampType.DEFAULT_PRECISION);
        skipWhitespace();
        if (!acceptWord("WITH")) {
            return DataTypes.TIMESTAMP(precision);
        }
        for (String word : new String[] {"LOCAL", "TIME", "ZONE"}) {
            skipWhitespace();
            if (!acceptWord(word)) {
                throw expected(word + " in WITH LOCAL TIME ZONE");
            }
        }
        return DataTypes.TIMESTAMP_LTZ(precision);
    }

    private ArrayType array() {
        expect('<');
        DataType element = type();
        expect('>');
        return DataTypes.ARRAY(element);
    }

    private MapType map() {
        expect('<');
        DataType key = type();
        expect(',');
        DataType value = type();
        expect('>');
        return DataTypes.MAP(key, value);
    }

    /** {@code ROW<>} or {@code ROW<field, ...>}. */
    private RowType row() {
        expect('<');
        List<DataField> fields = new ArrayList<>();
        skipWhitespace();
        if (peek() == '>') {
            pos++;
            return new RowType(fields);
        }
        while (true) {
            fields.add(field());
            skipWhitespace();
            char next = peek();
            if (next == '>') {
                pos++;
                return new RowType(fields);
            }
            if (next != ',') {
                throw expected("',' or '>'");
            }
            pos++;
        }
    }

    /** A field: its name, its type, and an optional description in single quotes. */
    private DataField field() {
        int start = skipWhitespace();
        String name = peek() == '`' ? quoted('`', "field name") : word();
        if (name == null) {
            throw expected("a field name");
        }
        DataType type = type();
        skipWhitespace();
        String description = peek() == '\'' ? quoted('\'', "description") : null;
        try {
            return new DataField(name, type, description);
        } catch (IllegalArgumentException rejected) {
            throw invalid("field", rejected, start);
        }
    }

    /**
     * Text between two {@code quote} characters, a doubled quote standing for one: the escaping
     * {@link TypeText#quoteName(String)} uses.
     */
    private String quoted(char quote, String what) {
        int start = pos;
        pos++;
        StringBuilder text = new StringBuilder();
        while (pos < input.length()) {
            char c = input.charAt(pos++);
            if (c != quote) {
                text.append(c);
            } else if (peek() == quote) {
                text.append(quote);
                pos++;
            } else {
                return text.toString();
            }
        }
        throw failure("the " + what + " opened by " + quote + " at position " + start + " is not closed");
    }

    /** A mandatory {@code (n)}. */
    private int requiredParameter(String what) {
        expect('(');
        int value = number(what);
        expect(')');
        return value;
    }

    /** An optional {@code (n)}. */
    private int optionalParameter(int absent) {
        skipWhitespace();
        if (peek() != '(') {
            return absent;
        }
        pos++;
        int value = number("the precision");
        expect(')');
        return value;
    }

    private int number(String what) {
        skipWhitespace();
        int start = pos;
        while (pos < input.length() && isAsciiDigit(input.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw expected("a number (" + what + ")");
        }
        try {
            return Integer.parseInt(input, start, pos, 10);
        } catch (NumberFormatException tooLarge) {
            throw error(what + " " + input.substring(start, pos) + " is too large", start);
        }
    }

    private void expect(char c) {
        skipWhitespace();
        if (peek() != c) {
            throw expected("'" + c + "'");
        }
        pos++;
    }

    /** A word of letters, digits and underscores starting with a letter or underscore, or null if none starts here. */
    private String word() {
        int start = pos;
        if (pos < input.length() && isWordStart(input.charAt(pos))) {
            pos++;
            while (pos < input.length() && (isWordStart(input.charAt(pos)) || isAsciiDigit(input.charAt(pos)))) {
                pos++;
            }
        }
        return pos == start ? null : input.substring(start, pos);
    }

    /** Reads the keyword if it is the next word, in any case; otherwise reads nothing. */
    private boolean acceptWord(String keyword) {
        int start = pos;
        String word = word();
        if (keyword.equalsIgnoreCase(word)) {
            return true;
        }
        pos = start;
        return false;
    }

    /** Moves past any whitespace and returns the position reached. */
    private int skipWhitespace() {
        while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    /** The character at the position, or 0 at the end of the input. */
    private char peek() {
        return pos < input.length() ? input.charAt(pos) : 0;
    }

    private static boolean isWordStart(char c) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private ParseFailure expected(String what) {
        return error("expected " + what, pos);
    }

    private ParseFailure invalid(String what, IllegalArgumentException cause, int position) {
        ParseFailure failure = failure("the " + what + " at position " + position + " is invalid: " + cause.getMessage());
        failure.initCause(cause);
        return failure;
    }

    private ParseFailure error(String problem, int position) {
        return failure(problem + " at position " + position);
    }

    private ParseFailure failure(String problem) {
        return new ParseFailure("Cannot parse type '" + input + "': " + problem);
    }

    /** Tells apart failures already phrased for the whole input from those of the type constructors. */
    private static final class ParseFailure extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ParseFailure(String message) {
            super(message);
        }
    }
}
