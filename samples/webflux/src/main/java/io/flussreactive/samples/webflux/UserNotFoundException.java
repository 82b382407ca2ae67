package io.flussreactive.samples.webflux;

/** No user has the id asked for: status 404. */
public final class UserNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * The user is missing.
     *
     * @param id the id asked for
     */
    public UserNotFoundException(String id) {
        super("No user has the id '" + id + "'");
    }
}
