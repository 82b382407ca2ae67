package io.flussreactive.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class TroubleLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("trouble-log-test");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private long now;
    private final TroubleLog trouble = new TroubleLog(logger, "Writer of db.events",
            Duration.ofSeconds(5), Duration.ofMinutes(1), () -> now);

    TroubleLogTest() {
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    @Test
    void failuresThatPassWithinTheQuietTimeSayNothing() {
        trouble.failed("bucket 0", new IllegalStateException("no leader"));
        advanceSeconds(4);
        trouble.failed("bucket 0", new IllegalStateException("no leader"));
        trouble.recovered("bucket 0");

        assertThat(lines.list).isEmpty();
    }

    @Test
    void aLastingTroubleIsReportedOnceAMinuteWithCountsAndOnceWhenItEnds() {
        trouble.failed("bucket 0", new IllegalStateException("no leader"));
        // A thousand failures over three minutes, two buckets.
        for (int i = 0; i < 1_000; i++) {
            advanceMillis(180);
            trouble.failed(i % 2 == 0 ? "bucket 0" : "bucket 1", new IllegalStateException("no leader " + i));
        }
        trouble.recovered("bucket 0");
        assertThat(trouble.isFailing()).isTrue();
        trouble.recovered("bucket 1");

        List<String> logged = lines.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        assertThat(logged).hasSize(4);
        assertThat(logged.get(0)).startsWith("WARN Writer of db.events: bucket 0, bucket 1 failing for 5.0 s (29 failures")
                .contains("no leader 27");
        assertThat(logged.get(1)).startsWith("WARN").contains("failing for 65.");
        assertThat(logged.get(2)).startsWith("WARN").contains("failing for 125.");
        assertThat(logged.get(3)).isEqualTo("INFO Writer of db.events: recovered after 180.0 s and 1001 failures");
    }

    @Test
    void aNewTroubleAfterARecoveryStartsItsOwnCount() {
        trouble.failed("server 1", new IllegalStateException("refused"));
        advanceSeconds(6);
        trouble.failed("server 1", new IllegalStateException("refused"));
        trouble.recovered("server 1");
        trouble.failed("server 1", new IllegalStateException("refused again"));
        advanceSeconds(5);
        trouble.failed("server 1", new IllegalStateException("refused again"));

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "Writer of db.events: server 1 failing for 6.0 s (2 failures so far), retrying; last error: "
                        + "java.lang.IllegalStateException: refused",
                "Writer of db.events: recovered after 6.0 s and 2 failures",
                "Writer of db.events: server 1 failing for 5.0 s (2 failures so far), retrying; last error: "
                        + "java.lang.IllegalStateException: refused again");
    }

    @Test
    void manyFailingPartsAreNamedUpToTen() {
        for (int bucket = 0; bucket < 25; bucket++) {
            trouble.failed("bucket " + bucket, new IllegalStateException("no leader"));
        }
        advanceSeconds(5);
        trouble.failed("bucket 0", new IllegalStateException("no leader"));

        assertThat(lines.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("bucket 9, and 15 more failing");
    }

    private void advanceSeconds(long seconds) {
        now += TimeUnit.SECONDS.toNanos(seconds);
    }

    private void advanceMillis(long millis) {
        now += TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
