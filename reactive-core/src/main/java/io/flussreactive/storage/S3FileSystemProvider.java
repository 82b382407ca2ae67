package io.flussreactive.storage;

import io.flussreactive.internal.storage.s3.S3RemoteFileSystem;
import io.flussreactive.internal.storage.s3.S3Settings;
import io.flussreactive.internal.storage.s3.S3Settings.CredentialSource;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Reads a cluster's remote storage on Amazon S3 or an S3-compatible store, for the {@code s3} scheme
 * (and {@code s3a}, which names the same objects):
 *
 * <pre>{@code
 * FlussClientOptions.builder()
 *         .bootstrapServers("fluss-1:9123")
 *         .remoteFileSystem("s3", S3FileSystemProvider.builder().credentialsFromCluster().build())
 *         .build();
 * }</pre>
 *
 * <p>Reads are ranged GETs whose bodies arrive only as fast as they are consumed, on the AWS SDK for Java 2
 * with its Netty-based HTTP client. The SDK is an optional dependency of the client: add
 * {@code software.amazon.awssdk:s3} and {@code software.amazon.awssdk:netty-nio-client} to use this
 * provider; {@link Builder#build()} fails, naming them, when they are missing.
 *
 * <p>Credentials come from one of three places: keys the application gives
 * ({@link Builder#credentials(String, String)}), the cluster's own file-system security token
 * ({@link Builder#credentialsFromCluster()}, renewed as it expires; the endpoint, region and path-style
 * setting of the servers come with it), or, by default, the AWS SDK's default chain (environment
 * variables, system properties, profile files, container or instance roles).
 */
public final class S3FileSystemProvider implements RemoteFileSystemProvider {

    private static final String[] REQUIRED_CLASSES = {
        "software.amazon.awssdk.services.s3.S3AsyncClient",
        "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient",
    };

    private final S3Settings settings;

    private S3FileSystemProvider(S3Settings settings) {
        this.settings = settings;
    }

    /** A builder with the defaults: AWS's endpoint, the SDK's default credentials chain. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Makes the file system. Nothing is built or connected until its first read.
     *
     * @param tokens the cluster's file-system security tokens, used when credentials come from the cluster
     */
    @Override
    public RemoteFileSystem create(FileSystemTokenSource tokens) {
        return S3RemoteFileSystem.open(settings, Objects.requireNonNull(tokens, "tokens"));
    }

    /** Names the settings, never the secret. */
    @Override
    public String toString() {
        return "S3FileSystemProvider" + settings.toString().substring("S3Settings".length());
    }

    /** Settings of an {@link S3FileSystemProvider}. */
    public static final class Builder {

        private URI endpoint;
        private String region;
        private Boolean pathStyleAccess;
        private CredentialSource credentials = CredentialSource.DEFAULT_CHAIN;
        private String accessKeyId;
        private String secretAccessKey;
        private String sessionToken;
        private Duration readTimeout = Duration.ofSeconds(30);

        private Builder() {}

        /**
         * The S3 endpoint, for an S3-compatible store (MinIO, Ceph, a cloud's S3 API) or a private AWS
         * endpoint. Unset: the cluster's endpoint with {@link #credentialsFromCluster()}, otherwise AWS's.
         *
         * @param endpoint for example {@code http://127.0.0.1:9000}
         */
        public Builder endpoint(URI endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (endpoint.getScheme() == null || endpoint.getHost() == null) {
                throw new IllegalArgumentException("An S3 endpoint is a URL with a scheme and a host: " + endpoint);
            }
            this.endpoint = endpoint;
            return this;
        }

        /**
         * The region requests are signed for. Unset: the cluster's with {@link #credentialsFromCluster()},
         * otherwise the environment's ({@code AWS_REGION}, the profile, the instance), otherwise
         * {@code us-east-1}, following S3's redirect to a bucket's own region.
         *
         * @param region for example {@code eu-west-1}
         */
        public Builder region(String region) {
            if (Objects.requireNonNull(region, "region").isBlank()) {
                throw new IllegalArgumentException("region is blank");
            }
            this.region = region.trim();
            return this;
        }

        /**
         * Whether to name the bucket in the path ({@code http://host/bucket/key}) rather than in the host
         * name, as most S3-compatible stores need. Unset: the cluster's setting with
         * {@link #credentialsFromCluster()}, otherwise off.
         *
         * @param pathStyleAccess true for path-style URLs
         */
        public Builder pathStyleAccess(boolean pathStyleAccess) {
            this.pathStyleAccess = pathStyleAccess;
            return this;
        }

        /**
         * How long a download may wait for bytes before it is given up and taken up again, with a new
         * ranged GET, from where it stopped; 30 seconds by default. The wait also runs while the reader
         * asks for nothing, and a server drops a response left unread for long, so a reader that pauses
         * costs a new GET, not a failed read. A download that breaks before its first byte fails the read
         * with a {@link RemoteStorageException}.
         *
         * @param readTimeout positive
         */
        public Builder readTimeout(Duration readTimeout) {
            if (Objects.requireNonNull(readTimeout, "readTimeout").isNegative() || readTimeout.isZero()) {
                throw new IllegalArgumentException("readTimeout must be positive: " + readTimeout);
            }
            this.readTimeout = readTimeout;
            return this;
        }

        /**
         * Signs with these long-term keys.
         *
         * @param accessKeyId the access key id
         * @param secretAccessKey the secret access key
         */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            return credentials(accessKeyId, secretAccessKey, null);
        }

        /**
         * Signs with these temporary credentials; they are not renewed.
         *
         * @param accessKeyId the access key id
         * @param secretAccessKey the secret access key
         * @param sessionToken the session token, or null for long-term keys
         */
        public Builder credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
            if (Objects.requireNonNull(accessKeyId, "accessKeyId").isEmpty()
                    || Objects.requireNonNull(secretAccessKey, "secretAccessKey").isEmpty()) {
                throw new IllegalArgumentException("The access key id and the secret access key must not be empty");
            }
            this.credentials = CredentialSource.STATIC;
            this.accessKeyId = accessKeyId;
            this.secretAccessKey = secretAccessKey;
            this.sessionToken = sessionToken;
            return this;
        }

        /**
         * Signs with the cluster's file-system security token, which the coordinator issues for its
         * {@code remote.data.dir} (short-lived credentials when the servers are configured for them),
         * and takes the servers' endpoint, region and path-style setting from it unless set here.
         */
        public Builder credentialsFromCluster() {
            this.credentials = CredentialSource.CLUSTER;
            this.accessKeyId = null;
            this.secretAccessKey = null;
            this.sessionToken = null;
            return this;
        }

        /**
         * Makes the provider.
         *
         * @throws IllegalStateException when the AWS SDK is not on the class path; the message names the
         *     artifacts to add
         */
        public S3FileSystemProvider build() {
            ClassLoader loader = S3FileSystemProvider.class.getClassLoader();
            for (String required : REQUIRED_CLASSES) {
                try {
                    Class.forName(required, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("The S3 remote file system needs the AWS SDK for Java 2 on the"
                            + " class path: add software.amazon.awssdk:s3 and software.amazon.awssdk:netty-nio-client"
                            + " (" + required + " is missing)", e);
                }
            }
            return new S3FileSystemProvider(new S3Settings(endpoint, region, pathStyleAccess, credentials,
                    accessKeyId, secretAccessKey, sessionToken, readTimeout));
        }
    }
}
