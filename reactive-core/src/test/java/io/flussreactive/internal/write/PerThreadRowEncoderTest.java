package io.flussreactive.internal.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Row encoders, which are not thread-safe, are never shared between threads. */
class PerThreadRowEncoderTest {

    @Test
    void aThreadKeepsItsEncoderAndOtherThreadsGetTheirOwn() throws Exception {
        AtomicInteger made = new AtomicInteger();
        List<Thread> users = Collections.synchronizedList(new ArrayList<>());
        PerThreadRowEncoder encoders = new PerThreadRowEncoder(() -> {
            int number = made.incrementAndGet();
            Thread owner = Thread.currentThread();
            Function<Row, byte[]> encoder = row -> {
                users.add(Thread.currentThread());
                assertThat(Thread.currentThread()).as("encoder %s used by another thread", number).isSameAs(owner);
                return new byte[] {(byte) number, (byte) row.getInt(0)};
            };
            return encoder;
        });

        assertThat(encoders.encode(GenericRow.of(1))).containsExactly(1, 1);
        assertThat(encoders.encode(GenericRow.of(2))).containsExactly(1, 2);
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 1000; i++) {
                        encoders.encode(GenericRow.of(i));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        assertThat(encoders.encode(GenericRow.of(3))).containsExactly(1, 3);

        assertThat(failures).isEmpty();
        assertThat(made).hasValue(1 + threads);
        assertThat(users).hasSize(3 + threads * 1000);
    }
}
