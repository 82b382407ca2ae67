package io.flussreactive.internal.storage.s3;

import io.flussreactive.storage.FileSystemTokenSource;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;

/**
 * Builds the asynchronous S3 client of one file system, on the Netty-based HTTP client (bytes are read
 * from the connection only as the reader asks for them). Settings the application gave win over those
 * that come with the cluster's token (endpoint, region, path-style access).
 *
 * <p>Building may read profile files and ask the instance metadata service for a region: callers run it
 * off the event loops.
 */
final class S3ClientFactory {

    private S3ClientFactory() {}

    /**
     * Builds the client.
     *
     * @param settings the application's settings
     * @param token the cluster's token when credentials come from the cluster, for its endpoint and region;
     *     otherwise null
     * @param tokens the cluster's tokens, for signing when credentials come from the cluster
     */
    static S3AsyncClient build(S3Settings settings, S3ClusterToken token, FileSystemTokenSource tokens) {
        S3AsyncClientBuilder builder = S3AsyncClient.builder()
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().readTimeout(settings.readTimeout()))
                // Reads send no body to protect, and many S3-compatible stores refuse the checksum headers the
                // SDK would otherwise add to every request.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
        switch (settings.credentials()) {
            case STATIC -> builder.credentialsProvider(StaticCredentialsProvider.create(settings.sessionToken() == null
                    ? AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())
                    : AwsSessionCredentials.create(settings.accessKeyId(), settings.secretAccessKey(), settings.sessionToken())));
            case CLUSTER -> builder.credentialsProvider(new ClusterTokenCredentials(tokens));
            case DEFAULT_CHAIN -> {
                // Left unset, the SDK uses its default chain and closes it with the client.
            }
        }
        URI endpoint = settings.endpoint() != null ? settings.endpoint()
                : token != null && token.endpoint() != null ? endpointUri(token.endpoint()) : null;
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        Boolean pathStyle = settings.pathStyleAccess() != null ? settings.pathStyleAccess()
                : token != null ? token.pathStyleAccess() : null;
        if (pathStyle != null) {
            builder.forcePathStyle(pathStyle);
        }
        String region = settings.region() != null ? settings.region()
                : token != null && token.region() != null ? token.region() : environmentRegion();
        if (region != null) {
            builder.region(Region.of(region));
        } else {
            // Any region signs; the SDK follows S3's redirect to the bucket's own region.
            builder.region(Region.US_EAST_1).crossRegionAccessEnabled(true);
        }
        return builder.build();
    }

    /**
     * The endpoint as the servers' Hadoop S3A setting names it: a URL, or a bare host (and port) that
     * S3A reaches over HTTPS.
     */
    static URI endpointUri(String endpoint) {
        return URI.create(endpoint.contains("://") ? endpoint : "https://" + endpoint);
    }

    private static String environmentRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (SdkClientException e) {
            return null;
        }
    }
}
