package io.flussreactive.samples.webflux;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /users/{id}}: a lookup, an upsert and a delete in the primary-key table of users. */
@RestController
public class UserController {

    private final UserStore store;

    /**
     * The controller.
     *
     * @param store the users table
     */
    public UserController(UserStore store) {
        this.store = store;
    }

    /**
     * The user with this id.
     *
     * @param id the key
     * @return the user; status 404 when there is none
     */
    @GetMapping("/users/{id}")
    public Mono<User> find(@PathVariable String id) {
        return store.find(id).switchIfEmpty(Mono.error(() -> new UserNotFoundException(id)));
    }

    /**
     * Creates the user or replaces it, once the cluster stored it.
     *
     * @param id the key
     * @param body the user's name (required) and e-mail address
     * @return the user as stored
     */
    @PutMapping("/users/{id}")
    public Mono<User> save(@PathVariable String id, @RequestBody UserBody body) {
        if (body.name() == null || body.name().isBlank()) {
            return Mono.error(new InvalidRequestException("'name' is missing"));
        }
        // To the millisecond, as the table keeps it: the answer is what a lookup returns.
        return store.save(new User(id, body.name(), body.email(), Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }

    /**
     * Deletes the user, if there is one, once the cluster stored the deletion.
     *
     * @param id the key
     * @return completes with status 204
     */
    @DeleteMapping("/users/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> delete(@PathVariable String id) {
        return store.delete(id);
    }

    /**
     * The body of {@code PUT /users/{id}}.
     *
     * @param name the user's name; required
     * @param email the user's e-mail address; may be left out
     */
    public record UserBody(@Nullable String name, @Nullable String email) {
    }
}
