package io.flussreactive.error;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.TestDatabase;
import io.flussreactive.admin.DatabaseDescriptor;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/**
 * What the server refuses arrives as the error signal of the call's publisher, typed, with the server's
 * message, not retriable, and nothing before it.
 */
@ExtendWith(FlussClusterExtension.class)
class TypedErrorsIT {

    private static final TableDescriptor LOG_TABLE = TableDescriptor.builder()
            .schema(Schema.newBuilder().column("id", DataTypes.INT()).build())
            .distributedBy(1)
            .build();

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("typed_errors");

    @Test
    void aTableThatDoesNotExistFailsWithTableNotExistException() {
        TablePath missing = db.path("missing");
        StepVerifier.create(db.client().table(missing))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(TableNotExistException.class)
                        .hasMessageContaining(missing.toString())
                        .satisfies(e -> assertThat(((FlussException) e).isRetriable()).isFalse()))
                .verify(TIMEOUT);
        StepVerifier.create(db.admin().describeTable(missing))
                .expectError(TableNotExistException.class)
                .verify(TIMEOUT);
    }

    @Test
    void aTableInADatabaseThatDoesNotExistFailsWithDatabaseNotExistException() {
        StepVerifier.create(db.admin().createTable(TablePath.of(db.name() + "_missing", "t"), LOG_TABLE, false))
                .expectError(DatabaseNotExistException.class)
                .verify(TIMEOUT);
    }

    @Test
    void creatingATableTwiceFailsWithTableAlreadyExistExceptionUnlessAskedToIgnoreIt() {
        TablePath path = db.createTable("twice", LOG_TABLE);
        StepVerifier.create(db.admin().createTable(path, LOG_TABLE, false))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(TableAlreadyExistException.class)
                        .satisfies(e -> assertThat(((FlussException) e).errorCode())
                                .isEqualTo(ErrorCode.TABLE_ALREADY_EXIST)))
                .verify(TIMEOUT);
        StepVerifier.create(db.admin().createTable(path, LOG_TABLE, true))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void droppingADatabaseWithTablesWithoutCascadeFailsWithDatabaseNotEmptyException() {
        String database = db.name() + "_not_empty";
        db.admin().createDatabase(database, DatabaseDescriptor.empty(), false)
                .then(db.admin().createTable(TablePath.of(database, "t"), LOG_TABLE, false))
                .block(TIMEOUT);
        try {
            StepVerifier.create(db.admin().dropDatabase(database, false, false))
                    .expectError(DatabaseNotEmptyException.class)
                    .verify(TIMEOUT);
        } finally {
            db.admin().dropDatabase(database, true, true).block(TIMEOUT);
        }
    }

    @Test
    void listingPartitionsOfATableThatIsNotPartitionedFailsWithTableNotPartitionedException() {
        TablePath path = db.createTable("not_partitioned", LOG_TABLE);
        StepVerifier.create(db.admin().listPartitions(path))
                .expectError(TableNotPartitionedException.class)
                .verify(TIMEOUT);
    }
}
