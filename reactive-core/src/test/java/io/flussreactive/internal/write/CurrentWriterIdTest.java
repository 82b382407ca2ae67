package io.flussreactive.internal.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.internal.util.SerialExecutor;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;

/** How the newest writer id is asked for, and forgotten when a bucket gives it up. */
class CurrentWriterIdTest {

    private final Sinks.One<Long> answer = Sinks.one();
    private int requests;
    private int received;
    private final CurrentWriterId writerId = new CurrentWriterId(() -> {
        requests++;
        return answer.asMono();
    }, new SerialExecutor(), "test writer", () -> received++, () -> {
    });

    @Test
    void theIdIsAskedForOnceWhileARequestIsUnderWay() {
        writerId.request();
        writerId.request();
        assertThat(requests).isEqualTo(1);
        assertThat(writerId.isKnown()).isFalse();

        answer.tryEmitValue(100L);

        assertThat(writerId.isKnown()).isTrue();
        assertThat(writerId.value()).isEqualTo(100);
        assertThat(received).isEqualTo(1);
    }

    @Test
    void anIdGivenUpIsForgottenOnlyWhileItIsTheNewest() {
        writerId.request();
        answer.tryEmitValue(100L);

        writerId.givenUp(99);
        assertThat(writerId.isKnown()).isTrue();
        assertThat(writerId.value()).isEqualTo(100);

        writerId.givenUp(100);
        assertThat(writerId.isKnown()).isFalse();
    }
}
