package io.flussreactive.internal.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.write.WriteResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bookkeeping of a batch's records: every record gets exactly its own result (its correlation,
 * its offset) however listeners and correlations are mixed, and each run of one listener arrives as
 * one list.
 */
class PendingRecordsTest {

    private static final PhysicalBucket BUCKET = new PhysicalBucket(7, -1, null, 2);

    @Test
    void eachRecordGetsItsCorrelationAndOffsetAndRunsArriveAsOneListEach() {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        PendingRecords records = new PendingRecords();
        // Nulls first (no correlation array yet), then values, then nulls again, across two listeners.
        for (int i = 0; i < 40; i++) {
            records.add(i < 25 ? a : b, i < 10 || i > 30 ? null : "c" + i);
        }

        records.succeed(BUCKET, 100);

        assertThat(records.size()).isEqualTo(40);
        assertThat(a.calls).isEqualTo(1);
        assertThat(b.calls).isEqualTo(1);
        List<WriteResult<Object>> all = new ArrayList<>(a.results);
        all.addAll(b.results);
        assertThat(all).hasSize(40);
        for (int i = 0; i < 40; i++) {
            WriteResult<Object> result = all.get(i);
            assertThat(result.offset()).isEqualTo(100 + i);
            assertThat(result.bucket()).isEqualTo(2);
            assertThat(result.error()).isNull();
            assertThat(result.correlation()).isEqualTo(i < 10 || i > 30 ? null : "c" + i);
        }
    }

    @Test
    void alternatingListenersGetOneListPerRunAndFailuresCarryTheError() {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        PendingRecords records = new PendingRecords();
        records.add(a, 1);
        records.add(b, 2);
        records.add(b, 3);
        records.add(a, 4);
        IllegalStateException error = new IllegalStateException("boom");

        records.fail(BUCKET, error);

        assertThat(a.calls).isEqualTo(2);
        assertThat(b.calls).isEqualTo(1);
        assertThat(a.results).extracting(WriteResult::correlation).containsExactly(1, 4);
        assertThat(b.results).extracting(WriteResult::correlation).containsExactly(2, 3);
        assertThat(a.results).allSatisfy(r -> {
            assertThat(r.error()).isSameAs(error);
            assertThat(r.offset()).isEqualTo(-1);
        });
    }

    /** Records what it is told, and how many times. */
    private static final class Recorder implements ResultListener<Object> {
        final List<WriteResult<Object>> results = new ArrayList<>();
        int calls;

        @Override
        public void onResult(WriteResult<Object> result) {
            onResults(List.of(result));
        }

        @Override
        public void onResults(List<WriteResult<Object>> run) {
            calls++;
            results.addAll(run);
        }
    }
}
