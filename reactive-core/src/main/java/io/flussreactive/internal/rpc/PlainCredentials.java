package io.flussreactive.internal.rpc;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A user name and password for SASL/PLAIN (RFC 4616), and the one message the mechanism sends.
 *
 * <p>{@link #toString()} leaves the password out, so these may be logged or printed with the
 * settings that hold them.
 *
 * @param username the user the client authenticates as
 * @param password the user's password
 */
public record PlainCredentials(String username, String password) {

    /** The mechanism name sent in the Authenticate request. */
    public static final String MECHANISM = "PLAIN";

    /**
     * Checks the credentials: RFC 4616 separates the fields with NUL, so neither may hold one, and a
     * Fluss server refuses an empty user name or password.
     *
     * @throws IllegalArgumentException naming what is wrong (never the password itself)
     */
    public PlainCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("The SASL/PLAIN user name must not be empty");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("The SASL/PLAIN password of user '" + username + "' must not be empty");
        }
        if (username.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("The SASL/PLAIN user name must not contain a NUL character");
        }
        if (password.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                    "The SASL/PLAIN password of user '" + username + "' must not contain a NUL character");
        }
    }

    /**
     * The client's message: {@code NUL user NUL password} in UTF-8. The authorization identity before
     * the first NUL is left empty, which makes the server authorize the user it authenticated, as the
     * JDK's PLAIN client (the official Fluss client's) does.
     *
     * @return a fresh array, which the caller may clear once it is sent
     */
    public byte[] initialResponse() {
        byte[] user = username.getBytes(StandardCharsets.UTF_8);
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[2 + user.length + secret.length];
        System.arraycopy(user, 0, message, 1, user.length);
        System.arraycopy(secret, 0, message, 2 + user.length, secret.length);
        return message;
    }

    /** The user name and the mechanism; never the password. */
    @Override
    public String toString() {
        return "SASL/PLAIN(user=" + username + ")";
    }
}
