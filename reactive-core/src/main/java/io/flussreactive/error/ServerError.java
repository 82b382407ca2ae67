package io.flussreactive.error;

/**
 * An error as the server reported it: its code and its text (which may be null).
 *
 * <p>Exists so that the constructors for server-reported errors cannot be mixed up with the
 * public constructors, whose text is the client's own description.
 */
record ServerError(ErrorCode code, String message) {
}
