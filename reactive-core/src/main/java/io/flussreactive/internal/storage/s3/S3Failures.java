package io.flussreactive.internal.storage.s3;

import io.flussreactive.error.SecurityTokenException;
import io.flussreactive.storage.RemoteStorageException;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Turns what the AWS SDK fails with into the client's {@link RemoteStorageException}, naming the file. */
final class S3Failures {

    private static final int FORBIDDEN = 403;
    private static final int NOT_FOUND = 404;
    private static final int RANGE_NOT_SATISFIABLE = 416;

    private S3Failures() {}

    /** The failure as the reader sees it. */
    static Throwable toRemoteStorageException(URI file, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof RemoteStorageException || cause instanceof SecurityTokenException) {
            return cause;
        }
        if (cause instanceof RangeBeyondEndException beyond) {
            return new RemoteStorageException(file, beyond.getMessage(), beyond.getCause());
        }
        if (cause instanceof NoSuchKeyException) {
            return new RemoteStorageException(file, "No such S3 object", cause);
        }
        if (cause instanceof NoSuchBucketException) {
            return new RemoteStorageException(file, "No such S3 bucket", cause);
        }
        if (cause instanceof AwsServiceException service) {
            String code = Optional.ofNullable(service.awsErrorDetails()).map(AwsErrorDetails::errorCode).orElse(null);
            if (service.statusCode() == FORBIDDEN) {
                return new RemoteStorageException(file, "S3 denied access (" + code
                        + "): check the credentials and their permissions to read the object", cause);
            }
            if (service.statusCode() == NOT_FOUND) {
                return new RemoteStorageException(file, "No such S3 object (" + code + ")", cause);
            }
            return new RemoteStorageException(file, "S3 refused the read with HTTP " + service.statusCode()
                    + " (" + code + ")", cause);
        }
        if (cause instanceof SdkException || cause instanceof IOException) {
            return new RemoteStorageException(file, "Reading from S3 failed: " + cause.getMessage(), cause);
        }
        return cause;
    }

    /** Whether S3 refused a range, which it does for one that starts at or past the object's end. */
    static boolean isRangeNotSatisfiable(Throwable failure) {
        return unwrap(failure) instanceof AwsServiceException service && service.statusCode() == RANGE_NOT_SATISFIABLE;
    }

    /**
     * Whether a download broke on the way (a timeout, a dropped connection) rather than being refused by
     * S3, so that asking again may succeed.
     */
    static boolean isBrokenDownload(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof IOException
                || cause instanceof SdkException && !(cause instanceof AwsServiceException);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
