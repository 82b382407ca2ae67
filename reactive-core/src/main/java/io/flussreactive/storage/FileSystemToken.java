package io.flussreactive.storage;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A credential for the cluster's remote storage, as the cluster issued it. Its bytes are opaque to
 * the client: their format belongs to the file system of {@link #scheme()}.
 */
public final class FileSystemToken {

    private final String scheme;
    private final byte[] token;
    private final Instant expiration;
    private final Map<String, String> additionalInfo;

    /**
     * Makes a token.
     *
     * @param scheme the URI scheme of the file system it is for, for example {@code s3}
     * @param token the credential, in the file system's own format
     * @param expiration when it stops being valid; null when the cluster did not say
     * @param additionalInfo further settings that come with it (an endpoint, a region)
     */
    public FileSystemToken(String scheme, byte[] token, Instant expiration, Map<String, String> additionalInfo) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.token = Objects.requireNonNull(token, "token").clone();
        this.expiration = expiration;
        this.additionalInfo = Map.copyOf(additionalInfo);
    }

    /** The URI scheme of the file system the token is for. */
    public String scheme() {
        return scheme;
    }

    /** The credential's bytes (a copy). */
    public byte[] token() {
        return token.clone();
    }

    /** When the token stops being valid, if the cluster said. */
    public Optional<Instant> expiration() {
        return Optional.ofNullable(expiration);
    }

    /** Further settings that come with the token. */
    public Map<String, String> additionalInfo() {
        return additionalInfo;
    }

    /** Names the scheme and expiration, never the credential. */
    @Override
    public String toString() {
        return "FileSystemToken{scheme=" + scheme + ", expiration=" + expiration
                + ", additionalInfo=" + additionalInfo.keySet() + ", token=" + token.length + " bytes}";
    }

    /** Equal when every part is equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof FileSystemToken that && scheme.equals(that.scheme)
                && Arrays.equals(token, that.token) && Objects.equals(expiration, that.expiration)
                && additionalInfo.equals(that.additionalInfo);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(scheme, Arrays.hashCode(token), expiration, additionalInfo);
    }
}
