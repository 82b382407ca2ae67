package io.flussreactive.samples.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StreamStartTest {

    @Test
    void readsLatestEarliestAndOffsets() {
        assertThat(StreamStart.parse("latest")).isEqualTo(StreamStart.LATEST);
        assertThat(StreamStart.parse("EARLIEST")).isEqualTo(StreamStart.EARLIEST);
        assertThat(StreamStart.parse("0")).isEqualTo(new StreamStart.Offset(0));
        assertThat(StreamStart.parse(" 42 ")).isEqualTo(new StreamStart.Offset(42));
    }

    @Test
    void refusesWhatIsNoStartNamingIt() {
        assertThatThrownBy(() -> StreamStart.parse("-1"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("'from' must be latest, earliest or an offset (0 or more), not '-1'");
        assertThatThrownBy(() -> StreamStart.parse("soon")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void goesOnAfterTheLastEventId() {
        assertThat(StreamStart.after("41")).isEqualTo(new StreamStart.Offset(42));
        assertThatThrownBy(() -> StreamStart.after("x"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Last-Event-ID must be an offset, not 'x'");
    }
}
