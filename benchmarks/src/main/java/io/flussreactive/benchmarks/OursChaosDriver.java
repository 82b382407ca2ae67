package io.flussreactive.benchmarks;

import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.table.TablePath;
import io.flussreactive.write.FlussWriter;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriterOptions;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The chaos program's writes with fluss-reactive at its default settings (idempotence on, acks all). */
final class OursChaosDriver implements ChaosDriver {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final FlussClient client;

    OursChaosDriver(String bootstrapServers) {
        this.client = FlussClient.create(FlussClientOptions.builder().bootstrapServers(bootstrapServers).build());
    }

    @Override
    public void append(String table, int rows, AckLedger ledger) {
        write(client.table(path(table)).block(TIMEOUT).appendWriter(options()), rows, ledger);
    }

    @Override
    public void upsert(String table, int rows, AckLedger ledger) {
        write(client.table(path(table)).block(TIMEOUT).upsertWriter(options()), rows, ledger);
    }

    private static WriterOptions options() {
        return WriterOptions.builder().idempotence(true).build();
    }

    /** Done when the write's results end: every row taken has its result then. */
    private static void write(FlussWriter writer, int rows, AckLedger ledger) {
        ledger.start();
        try {
            writer.write(Flux.range(0, rows).map(id -> WriteRecord.of(Rows.row(id), id)))
                    .doOnNext(result -> {
                        if (result.isSuccess()) {
                            ledger.acked(result.correlation());
                        } else {
                            ledger.failed(result.correlation());
                        }
                    })
                    .then()
                    // Results that end in an error leave the rest unreported, which the ledger shows.
                    .onErrorResume(error -> {
                        error.printStackTrace();
                        return Mono.empty();
                    })
                    .block(TIMEOUT);
        } finally {
            ledger.finish();
            writer.close().onErrorResume(error -> Mono.empty()).block(TIMEOUT);
        }
    }

    private static TablePath path(String table) {
        return TablePath.of(Tables.database(table), Tables.table(table));
    }

    @Override
    public void close() {
        client.close().block(TIMEOUT);
    }
}
