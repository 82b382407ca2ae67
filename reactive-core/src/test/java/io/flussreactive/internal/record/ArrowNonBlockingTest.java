package io.flussreactive.internal.record;

import static io.flussreactive.type.DataTypes.FIELD;
import static io.flussreactive.type.DataTypes.INT;
import static io.flussreactive.type.DataTypes.ROW;
import static io.flussreactive.type.DataTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.admin.ArrowCompression;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.type.RowType;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Encoding and decoding on a thread that must not block, as the client does off its event loops,
 * once the ZSTD library was loaded.
 */
class ArrowNonBlockingTest {

    @BeforeAll
    static void loadTheZstdLibrary() {
        ArrowCodecs.zstdLoaded().block(Duration.ofSeconds(30));
    }

    private final ArrowBatchFixture fixture = new ArrowBatchFixture();

    @AfterEach
    void allArrowMemoryIsReleased() {
        fixture.close();
    }

    @ParameterizedTest
    @EnumSource(ArrowCompression.class)
    void encodingAndDecodingRunOnANonBlockingThread(ArrowCompression compression) {
        RowType rowType = ROW(FIELD("id", INT()), FIELD("name", STRING()));
        List<Row> rows = List.of(GenericRow.of(1, "a"), GenericRow.of(2, "b"));

        List<Row> decoded = Mono.fromCallable(() -> {
            ByteBuf batch = fixture.encode(rowType, rows, compression);
            try {
                return fixture.decode(rowType, batch);
            } finally {
                batch.release();
            }
        }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(30));

        assertThat(decoded).hasSize(2);
    }
}
