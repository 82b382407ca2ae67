package io.flussreactive.internal.storage.s3;

import io.flussreactive.storage.FileSystemTokenSource;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.ResolveIdentityRequest;

/**
 * Signs each S3 request with the cluster's current token. The SDK asks for credentials per request and
 * takes a future, so a token that must be fetched again holds up only that request, on no thread; the
 * token source keeps the token until it expires, so most requests find it at hand.
 */
final class ClusterTokenCredentials implements IdentityProvider<AwsCredentialsIdentity> {

    private final FileSystemTokenSource tokens;

    ClusterTokenCredentials(FileSystemTokenSource tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<AwsCredentialsIdentity> identityType() {
        return AwsCredentialsIdentity.class;
    }

    @Override
    public CompletableFuture<AwsCredentialsIdentity> resolveIdentity(ResolveIdentityRequest request) {
        return tokens.token().map(S3ClusterToken::decode).map(ClusterTokenCredentials::identity).toFuture();
    }

    static AwsCredentialsIdentity identity(S3ClusterToken token) {
        return token.sessionToken() == null
                ? AwsCredentialsIdentity.create(token.accessKeyId(), token.secretAccessKey())
                : AwsSessionCredentialsIdentity.create(token.accessKeyId(), token.secretAccessKey(), token.sessionToken());
    }

    @Override
    public String toString() {
        return "the cluster's file-system security token";
    }
}
