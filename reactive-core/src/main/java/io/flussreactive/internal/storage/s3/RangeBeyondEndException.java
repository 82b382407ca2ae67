package io.flussreactive.internal.storage.s3;

/** A read asked to start past the end of its object; becomes a RemoteStorageException naming the file. */
final class RangeBeyondEndException extends RuntimeException {

    RangeBeyondEndException(long position, Long length, Throwable refusal) {
        super("Position " + position + " is past the end of the S3 object (" + length + " bytes)", refusal);
    }
}
