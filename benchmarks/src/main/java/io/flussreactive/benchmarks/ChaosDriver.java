package io.flussreactive.benchmarks;

/**
 * One client's way of writing the chaos program's rows: every row {@code 0..rows-1} of
 * {@link Rows}, idempotently, reporting each row's result to a ledger, and returning when the client
 * says it is done (its results ended, or its flush returned).
 */
interface ChaosDriver extends AutoCloseable {

    /**
     * Appends rows {@code 0..rows-1} to a log table.
     *
     * @param table {@code database.table}
     * @param rows how many rows
     * @param ledger where each row's result goes
     * @throws Exception if the client could not even start
     */
    void append(String table, int rows, AckLedger ledger) throws Exception;

    /**
     * Upserts rows {@code 0..rows-1} into a primary-key table.
     *
     * @param table {@code database.table}
     * @param rows how many rows
     * @param ledger where each row's result goes
     * @throws Exception if the client could not even start
     */
    void upsert(String table, int rows, AckLedger ledger) throws Exception;
}
