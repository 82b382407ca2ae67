package io.flussreactive.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * Counts the lines logged at INFO or above in this JVM while counting is on. Both clients log through
 * SLF4J, which Logback serves in the benchmark's JVMs (the official client's jar bundles the SLF4J API
 * only), so one appender on the root logger sees every line either client logs.
 */
final class LogLineCounter extends AppenderBase<ILoggingEvent> {

    private final AtomicLong lines = new AtomicLong();
    private volatile boolean counting;

    private LogLineCounter() {
    }

    /**
     * Lowers the root logger to INFO (the benchmark's configuration keeps WARN), so that INFO lines are
     * logged at all, and counts from now on what reaches it.
     *
     * @return the counter, attached
     */
    static LogLineCounter install() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        LogLineCounter counter = new LogLineCounter();
        counter.setContext(context);
        counter.setName("chaos-line-counter");
        counter.start();
        root.addAppender(counter);
        return counter;
    }

    /** Starts counting afresh. */
    void begin() {
        lines.set(0);
        counting = true;
    }

    /**
     * Stops counting.
     *
     * @return the lines counted since {@link #begin()}
     */
    long end() {
        counting = false;
        return lines.get();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (counting && event.getLevel().isGreaterOrEqual(Level.INFO)) {
            lines.incrementAndGet();
        }
    }
}
