/**
 * The S3 remote file system on the AWS SDK for Java 2: loaded only when an application registers
 * {@link io.flussreactive.storage.S3FileSystemProvider}, so that the rest of the client runs without the
 * AWS SDK on the class path.
 */
package io.flussreactive.internal.storage.s3;
