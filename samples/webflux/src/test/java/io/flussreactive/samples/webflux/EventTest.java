package io.flussreactive.samples.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void aCompleteEventIsStoredAsItIs() {
        Event event = new Event("e-1", "click", "p", Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(event.completed(RECEIVED)).isEqualTo(event);
        assertThat(Event.fromRow(event.toRow())).isEqualTo(event);
    }

    @Test
    void aMissingIdIsARandomUuidAndAMissingTimeTheTimeReceived() {
        Event first = new Event(null, "click", null, null).completed(RECEIVED);
        Event second = new Event(" ", "click", null, null).completed(RECEIVED);
        assertThat(first.at()).isEqualTo(RECEIVED);
        assertThat(UUID.fromString(first.id()).version()).isEqualTo(4);
        assertThat(UUID.fromString(first.id()).variant()).isEqualTo(2);
        assertThat(second.id()).isNotEqualTo(first.id());
    }

    @Test
    void anEventWithoutATypeIsRefused() {
        assertThatThrownBy(() -> new Event("e", null, null, null).completed(RECEIVED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'type' is missing");
        assertThatThrownBy(() -> new Event("e", "  ", null, null).completed(RECEIVED))
                .hasMessage("'type' is missing");
    }
}
