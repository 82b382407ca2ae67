package io.flussreactive.samples.webflux;

import io.flussreactive.lookup.Lookuper;
import io.flussreactive.row.GenericRow;
import io.flussreactive.write.UpsertWriter;
import io.flussreactive.write.WriteResult;
import reactor.core.publisher.Mono;

/** The users table behind {@code /users/{id}}: lookups, upserts and deletes by key. */
public final class UserStore {

    private final UpsertWriter writer;
    private final Lookuper lookuper;

    /**
     * A store on the users table.
     *
     * @param tables the sample's tables
     */
    public UserStore(SampleTables tables) {
        this.writer = tables.users().upsertWriter();
        this.lookuper = tables.users().lookuper();
    }

    /**
     * The user with this id.
     *
     * @param id the key
     * @return the user, or empty when there is none
     */
    public Mono<User> find(String id) {
        return lookuper.lookup(GenericRow.of(id)).map(User::fromRow);
    }

    /**
     * Inserts the user, or replaces the one with its id; completes once the cluster stored it.
     *
     * @param user the user
     * @return the user as stored
     */
    public Mono<User> save(User user) {
        return writer.upsert(user.toRow()).flatMap(result -> stored(result).thenReturn(user));
    }

    /**
     * Deletes the user with this id, if there is one; completes once the cluster stored the deletion.
     *
     * @param id the key
     * @return completes when done
     */
    public Mono<Void> delete(String id) {
        return writer.delete(User.deletion(id)).flatMap(UserStore::stored);
    }

    /** A write that failed fails the request with the cluster's error. */
    private static Mono<Void> stored(WriteResult<?> result) {
        return result.isSuccess() ? Mono.empty() : Mono.error(result.error());
    }
}
