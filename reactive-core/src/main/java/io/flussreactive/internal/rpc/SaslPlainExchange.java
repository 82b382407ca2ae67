package io.flussreactive.internal.rpc;

import com.google.protobuf.ByteString;
import io.flussreactive.error.AuthenticationException;
import io.flussreactive.error.FlussException;
import io.flussreactive.internal.proto.AuthenticateRequest;
import io.flussreactive.internal.proto.AuthenticateResponse;
import java.util.Arrays;

/**
 * What a connection says and expects when it authenticates with SASL/PLAIN, and how it words the
 * failures so that a reader knows which setting to fix.
 *
 * <p>PLAIN takes one round: the client sends its credentials, and a server that accepts them answers
 * with an empty challenge. Any other answer is a failure: PLAIN has nothing more to send.
 */
final class SaslPlainExchange {

    /** Setting that gives the client credentials, named in errors. */
    static final String CREDENTIALS_OPTION = "FlussClientOptions.Builder#saslPlain(username, password)";

    private SaslPlainExchange() {
    }

    /** The Authenticate request carrying the credentials. */
    static AuthenticateRequest request(PlainCredentials credentials) {
        byte[] message = credentials.initialResponse();
        try {
            return AuthenticateRequest.newBuilder()
                    .setProtocol(PlainCredentials.MECHANISM)
                    .setToken(ByteString.copyFrom(message))
                    .build();
        } finally {
            // One copy of the password fewer left for the garbage collector to find.
            Arrays.fill(message, (byte) 0);
        }
    }

    /**
     * Checks the server's answer to the credentials.
     *
     * @throws AuthenticationException when the server asks for more than PLAIN can give
     */
    static void checkAnswer(AuthenticateResponse answer, PlainCredentials credentials, String address) {
        if (answer.hasChallenge() && !answer.getChallenge().isEmpty()) {
            throw new AuthenticationException("SASL/PLAIN authentication of user '" + credentials.username()
                    + "' with Fluss server " + address + " did not complete: the server sent a challenge of "
                    + answer.getChallenge().size() + " bytes, which the PLAIN mechanism cannot answer");
        }
    }

    /**
     * The failure of an Authenticate request, reworded to name the user and the server; failures of
     * the transport (timeouts, closed connections) come back unchanged.
     */
    static Throwable explainFailure(Throwable failure, PlainCredentials credentials, String address) {
        if (!(failure instanceof AuthenticationException rejected)) {
            return failure;
        }
        String serverText = rejected.serverMessage();
        String serverSaid = serverText == null ? "" : ". Server said: " + serverText;
        if (serverText != null && serverText.contains("'PLAINTEXT'")) {
            // A listener without authentication refuses every mechanism but its own pseudo-mechanism.
            return new AuthenticationException("Fluss server " + address + " does not authenticate clients (its"
                    + " listener is PLAINTEXT), but the client is set up to authenticate as user '"
                    + credentials.username() + "' with SASL/PLAIN: connect to the cluster's SASL listener, or"
                    + " leave out " + CREDENTIALS_OPTION + serverSaid, failure);
        }
        return new AuthenticationException("SASL/PLAIN authentication of user '" + credentials.username()
                + "' with Fluss server " + address + " failed (wrong user name or password?)" + serverSaid, failure);
    }

    /**
     * The failure of a request on a connection that did not authenticate: a server that refuses it
     * for that reason has a SASL listener, and the client was given no credentials.
     */
    static FlussException explainUnauthenticated(FlussException failure, String address) {
        if (!(failure instanceof AuthenticationException)) {
            return failure;
        }
        return new AuthenticationException("Fluss server " + address + " requires SASL authentication, but the"
                + " client has no credentials: set " + CREDENTIALS_OPTION + ". Server said: "
                + failure.serverMessage(), failure);
    }
}
