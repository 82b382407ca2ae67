package io.flussreactive.internal.util;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Says once that something keeps failing, and once that it recovered, instead of a line per failure.
 *
 * <p>A trouble starts with the first failure of any of its parts (buckets, say) and lasts until every
 * failing part has succeeded again. Once it has lasted {@code quietFor}, one WARN line names the subject,
 * the failing parts and the last error; while it goes on, the line is repeated at most every
 * {@code repeatEvery}, with the count of failures since the start. When it ends after a WARN, one INFO
 * line says so. Failures that pass sooner are left to DEBUG logging.
 *
 * <p>Its methods may be called from any thread; each call is short.
 */
public final class TroubleLog {

    /** How long a trouble lasts before it is reported, by default. */
    public static final Duration DEFAULT_QUIET_FOR = Duration.ofSeconds(5);

    /** How often a lasting trouble is reported again, at most. */
    public static final Duration DEFAULT_REPEAT_EVERY = Duration.ofMinutes(1);

    private static final int MOST_PARTS_NAMED = 10;

    private final Logger log;
    private final String subject;
    private final long quietForNanos;
    private final long repeatEveryNanos;
    private final LongSupplier nanoTime;

    private final Set<Object> failing = new LinkedHashSet<>();
    /** Whether some part fails: read without the lock, written with it. */
    private volatile boolean anyFailing;
    private long startedAt;
    private long failures;
    private long warnedAt;
    private boolean warned;

    /** A log with the default delays, on the system clock. */
    public TroubleLog(Logger log, String subject) {
        this(log, subject, DEFAULT_QUIET_FOR, DEFAULT_REPEAT_EVERY, System::nanoTime);
    }

    /**
     * @param log where the lines go
     * @param subject what is in trouble, as the lines name it, e.g. "Writer of db.events"
     * @param quietFor how long a trouble lasts before it is reported
     * @param repeatEvery how often a lasting trouble is reported again, at most
     * @param nanoTime the clock
     */
    public TroubleLog(Logger log, String subject, Duration quietFor, Duration repeatEvery, LongSupplier nanoTime) {
        this.log = log;
        this.subject = subject;
        this.quietForNanos = quietFor.toNanos();
        this.repeatEveryNanos = repeatEvery.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * A part failed and will be tried again.
     *
     * @param part what failed, named in the lines (a bucket, a server)
     * @param error why
     */
    public synchronized void failed(Object part, Throwable error) {
        long now = nanoTime.getAsLong();
        if (failing.isEmpty()) {
            startedAt = now;
        }
        failing.add(part);
        anyFailing = true;
        failures++;
        long lasted = now - startedAt;
        if (lasted >= quietForNanos && (!warned || now - warnedAt >= repeatEveryNanos)) {
            log.warn("{}: {} failing for {} s ({} failures so far), retrying; last error: {}",
                    subject, describeFailing(), seconds(lasted), failures, error.toString());
            warned = true;
            warnedAt = now;
        }
    }

    /**
     * A part succeeded: once no part fails any more, the trouble is over.
     *
     * @param part what succeeded
     */
    public void recovered(Object part) {
        // Called for every request and every stored batch: nothing to do, and no lock, while nothing fails.
        if (!anyFailing) {
            return;
        }
        synchronized (this) {
            if (failing.remove(part) && failing.isEmpty()) {
                if (warned) {
                    log.info("{}: recovered after {} s and {} failures", subject,
                            seconds(nanoTime.getAsLong() - startedAt), failures);
                }
                reset();
            }
        }
    }

    /**
     * A part is no longer tried (it failed for good, and that is reported elsewhere): once no part fails
     * any more, the trouble is over, without a line saying it recovered.
     *
     * @param part what is no longer tried
     */
    public synchronized void gaveUp(Object part) {
        if (failing.remove(part) && failing.isEmpty()) {
            reset();
        }
    }

    private void reset() {
        anyFailing = false;
        failures = 0;
        warned = false;
    }

    /** Whether a trouble is going on (for tests). */
    public synchronized boolean isFailing() {
        return !failing.isEmpty();
    }

    private String describeFailing() {
        List<String> named = new ArrayList<>();
        for (Object part : failing) {
            if (named.size() == MOST_PARTS_NAMED) {
                named.add("and " + (failing.size() - MOST_PARTS_NAMED) + " more");
                break;
            }
            named.add(String.valueOf(part));
        }
        return String.join(", ", named);
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
