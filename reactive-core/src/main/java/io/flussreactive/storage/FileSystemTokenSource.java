package io.flussreactive.storage;

import reactor.core.publisher.Mono;

/**
 * The cluster's credentials for its remote storage, as its coordinator hands them out
 * ({@code GetFileSystemSecurityToken}).
 */
@FunctionalInterface
public interface FileSystemTokenSource {

    /**
     * A token that has not expired: the last one fetched while it is still valid, otherwise a
     * fresh one asked of the cluster.
     *
     * @return the token; a cluster without a token for its file system fails with
     *     {@link io.flussreactive.error.SecurityTokenException}
     */
    Mono<FileSystemToken> token();
}
