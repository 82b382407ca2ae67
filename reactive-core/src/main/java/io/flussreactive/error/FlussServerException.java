package io.flussreactive.error;

/**
 * An error reported with a code that has no exception class of its own: codes of server-to-server
 * traffic, of administration this client does not cover, or of newer servers. The
 * {@linkplain #errorCode() code} still tells whether the call may be retried.
 */
public final class FlussServerException extends FlussException {

    FlussServerException(ServerError error) {
        super(error);
    }
}
