package io.flussreactive.internal.record;

import static io.flussreactive.type.DataTypes.ARRAY;
import static io.flussreactive.type.DataTypes.FIELD;
import static io.flussreactive.type.DataTypes.INT;
import static io.flussreactive.type.DataTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.internal.bucket.FlussBucketing;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.type.DataField;
import io.flussreactive.type.DataType;
import io.flussreactive.type.RowType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.fluss.bucketing.FlussBucketingFunction;
import org.apache.fluss.row.BinaryRow;
import org.apache.fluss.row.encode.CompactedKeyEncoder;
import org.junit.jupiter.api.Test;

/** The compacted key encoding: the guide's examples, failures, and byte equality with the official encoder. */
class KeyEncoderTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private static final RowType ROW_TYPE = new RowType(List.of(
            FIELD("id", INT()), FIELD("name", STRING()), FIELD("other", INT()), FIELD("tags", ARRAY(STRING()))));

    @Test
    void keysAreCompactedValuesWithoutNullBits() {
        Row row = GenericRow.of(1, "a", 2, null);

        assertThat(encode(List.of("id"), row)).isEqualTo("01");
        assertThat(encode(List.of("name"), row)).isEqualTo("01 61");
        assertThat(encode(List.of("id", "other"), row)).isEqualTo("01 02");
        assertThat(encode(List.of("id"), GenericRow.of(-1, "a", 2, null))).isEqualTo("ff ff ff ff 0f");
    }

    @Test
    void keyColumnsAreWrittenInKeyOrder() {
        assertThat(encode(List.of("other", "name", "id"), GenericRow.of(1, "a", 2, null))).isEqualTo("02 01 61 01");
    }

    @Test
    void aNullKeyValueIsRejectedNamingTheColumn() {
        KeyEncoder encoder = new KeyEncoder(ROW_TYPE, List.of("id", "name"));

        assertThatThrownBy(() -> encoder.encode(GenericRow.of(1, null, 2, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Key column 'name' must not be null");
    }

    @Test
    void unknownOrMissingKeyColumnsAreRejected() {
        assertThatThrownBy(() -> new KeyEncoder(ROW_TYPE, List.of("nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'");
        assertThatThrownBy(() -> new KeyEncoder(ROW_TYPE, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomKeysOfEveryTypeMatchTheOfficialEncoderAndBucket() {
        List<DataType> types = new ArrayList<>(BinaryRandomValues.scalarTypes());
        types.addAll(BinaryRandomValues.nestedTypes());
        List<DataField> fields = new ArrayList<>();
        for (DataType type : types) {
            fields.add(FIELD("k" + fields.size(), type.notNull()));
        }
        RowType rowType = new RowType(fields);
        BinaryRandomValues values = new BinaryRandomValues(11);
        Random random = values.random();
        FlussBucketingFunction officialBucketing = new FlussBucketingFunction();

        for (int i = 0; i < 2000; i++) {
            List<String> keys = new ArrayList<>(rowType.fieldNames());
            Collections.shuffle(keys, random);
            keys = keys.subList(0, 1 + random.nextInt(3));
            Row row = values.row(rowType);

            byte[] ours = new KeyEncoder(rowType, keys).encode(row);
            byte[] official = CompactedKeyEncoder.createKeyEncoder(BinaryInterop.toUpstream(rowType), keys)
                    .encodeKey(BinaryInterop.toUpstream(rowType, row, BinaryRow.BinaryRowFormat.COMPACTED));

            assertThat(HEX.formatHex(ours)).as("key %s of %s", keys, row).isEqualTo(HEX.formatHex(official));
            int numBuckets = 1 + random.nextInt(64);
            assertThat(FlussBucketing.bucket(ours, numBuckets)).isEqualTo(officialBucketing.bucketing(official, numBuckets));
        }
    }

    private static String encode(List<String> keys, Row row) {
        return HEX.formatHex(new KeyEncoder(ROW_TYPE, keys).encode(row));
    }
}
