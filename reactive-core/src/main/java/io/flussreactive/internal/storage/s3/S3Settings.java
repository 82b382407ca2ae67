package io.flussreactive.internal.storage.s3;

import java.net.URI;
import java.time.Duration;

/**
 * How an application configured the S3 file system, in plain Java types so that the public provider
 * holds it without the AWS SDK.
 *
 * @param endpoint the S3 endpoint; null for the cluster's (when credentials come from the cluster) or AWS's
 * @param region the region; null for the cluster's, the environment's, or {@code us-east-1}
 * @param pathStyleAccess whether buckets are addressed in the path; null for the cluster's or the SDK's default
 * @param credentials where the credentials come from
 * @param accessKeyId the access key id of {@link CredentialSource#STATIC} credentials
 * @param secretAccessKey the secret access key of {@link CredentialSource#STATIC} credentials
 * @param sessionToken the session token of temporary {@link CredentialSource#STATIC} credentials, or null
 * @param readTimeout how long a download may wait for bytes before it is taken up again from where it stopped
 */
public record S3Settings(URI endpoint, String region, Boolean pathStyleAccess, CredentialSource credentials,
                         String accessKeyId, String secretAccessKey, String sessionToken, Duration readTimeout) {

    /** Where the file system takes its credentials from. */
    public enum CredentialSource {
        /** The AWS SDK's default chain: environment, system properties, profile files, container or instance role. */
        DEFAULT_CHAIN,
        /** Keys the application gave. */
        STATIC,
        /** The cluster's file-system security token, renewed as it expires. */
        CLUSTER
    }

    /** Never shows the secret or the session token. */
    @Override
    public String toString() {
        return "S3Settings{endpoint=" + endpoint + ", region=" + region + ", pathStyleAccess=" + pathStyleAccess
                + ", credentials=" + credentials + (accessKeyId == null ? "" : ", accessKeyId=" + accessKeyId)
                + ", readTimeout=" + readTimeout + "}";
    }
}
