package io.flussreactive.internal.storage;

import io.flussreactive.internal.proto.GetFileSystemSecurityTokenRequest;
import io.flussreactive.internal.proto.GetFileSystemSecurityTokenResponse;
import io.flussreactive.internal.proto.PbKeyValue;
import io.flussreactive.storage.FileSystemToken;
import io.flussreactive.storage.FileSystemTokenSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * The cluster's file-system tokens, asked of the coordinator when first needed and again shortly
 * before the last one expires; callers waiting at the same time share one request.
 */
public final class ClusterFileSystemTokens implements FileSystemTokenSource {

    /** A token this close to its expiration is renewed rather than handed out. */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

    private final Supplier<Mono<GetFileSystemSecurityTokenResponse>> ask;
    private final Clock clock;
    private final Object lock = new Object();
    /** The last token fetched, or the fetch under way; null before the first. */
    private Mono<FileSystemToken> current;
    /** When the cached token must be renewed; null while a fetch is under way. */
    private Instant renewAt;

    /**
     * Makes the source.
     *
     * @param ask sends GetFileSystemSecurityToken to the coordinator
     * @param clock tells when a token expires
     */
    public ClusterFileSystemTokens(Supplier<Mono<GetFileSystemSecurityTokenResponse>> ask, Clock clock) {
        this.ask = ask;
        this.clock = clock;
    }

    @Override
    public Mono<FileSystemToken> token() {
        return Mono.defer(() -> {
            synchronized (lock) {
                if (current == null || (renewAt != null && !clock.instant().isBefore(renewAt))) {
                    current = fetch().cache();
                    renewAt = null;
                }
                return current;
            }
        });
    }

    private Mono<FileSystemToken> fetch() {
        return Mono.defer(ask)
                .map(ClusterFileSystemTokens::tokenOf)
                .doOnNext(this::remember)
                .doOnError(failure -> forget());
    }

    private void remember(FileSystemToken token) {
        synchronized (lock) {
            renewAt = token.expiration().map(at -> at.minus(RENEW_BEFORE_EXPIRY)).orElse(Instant.MAX);
        }
    }

    /** A failed fetch is not cached: the next caller asks again. */
    private void forget() {
        synchronized (lock) {
            current = null;
            renewAt = null;
        }
    }

    static FileSystemToken tokenOf(GetFileSystemSecurityTokenResponse answer) {
        Map<String, String> info = new LinkedHashMap<>();
        for (PbKeyValue entry : answer.getAdditionInfoList()) {
            info.put(entry.getKey(), entry.getValue());
        }
        Instant expiration = answer.hasExpirationTime() ? Instant.ofEpochMilli(answer.getExpirationTime()) : null;
        return new FileSystemToken(answer.getSchema(), answer.getToken().toByteArray(), expiration, info);
    }
}
