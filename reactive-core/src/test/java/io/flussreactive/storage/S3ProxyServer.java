package io.flussreactive.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.internal.BlobImpl;
import org.jclouds.blobstore.options.GetOptions;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.io.payloads.DelegatingPayload;

/**
 * An S3-compatible server in the test JVM (S3Proxy over an in-memory store) on a free loopback port, with
 * AWS signature checks against one key pair. It counts the bytes its store handed to the HTTP layer for
 * downloads, so that a test sees how far ahead of its reader a download went.
 */
final class S3ProxyServer implements AutoCloseable {

    static final String ACCESS_KEY = "test-access-key";
    static final String SECRET_KEY = "test-secret-key";

    private final BlobStoreContext context;
    private final BlobStore store;
    private final S3Proxy proxy;
    private final AtomicLong bytesServed = new AtomicLong();

    private S3ProxyServer() throws Exception {
        context = ContextBuilder.newBuilder("transient").credentials("unused", "unused").build(BlobStoreContext.class);
        store = context.getBlobStore();
        proxy = S3Proxy.builder()
                .blobStore(new CountingBlobStore(store, bytesServed))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
    }

    static S3ProxyServer start() throws Exception {
        return new S3ProxyServer();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    void createBucket(String bucket) {
        store.createContainerInLocation(null, bucket);
    }

    void putObject(String bucket, String key, byte[] bytes) {
        store.putBlob(bucket, store.blobBuilder(key).payload(bytes).contentLength(bytes.length).build());
    }

    /** Every key of the bucket, recursively. */
    List<String> keys(String bucket) {
        return StreamSupport.stream(store.list(bucket, ListContainerOptions.Builder.recursive()).spliterator(), false)
                .map(StorageMetadata::getName)
                .toList();
    }

    /** The bytes that downloads took from the store so far. */
    long bytesServed() {
        return bytesServed.get();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }

    /** Counts the bytes of every blob body read through it. */
    private static final class CountingBlobStore extends ForwardingBlobStore {

        private final AtomicLong bytesServed;

        CountingBlobStore(BlobStore store, AtomicLong bytesServed) {
            super(store);
            this.bytesServed = bytesServed;
        }

        @Override
        public Blob getBlob(String container, String name) {
            return counted(super.getBlob(container, name));
        }

        @Override
        public Blob getBlob(String container, String name, GetOptions options) {
            return counted(super.getBlob(container, name, options));
        }

        private Blob counted(Blob blob) {
            if (blob == null || blob.getPayload() == null) {
                return blob;
            }
            // A new blob, since setting the payload of this one would close the payload it has, and with it the
            // stream of a ranged read.
            Blob counted = new BlobImpl(blob.getMetadata());
            counted.setAllHeaders(blob.getAllHeaders());
            counted.setPayload(new DelegatingPayload(blob.getPayload()) {
                @Override
                public InputStream openStream() throws IOException {
                    return new CountingInputStream(super.openStream(), bytesServed);
                }

                @Override
                public InputStream getInput() {
                    try {
                        return openStream();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            return counted;
        }
    }

    /** Adds what is read through it to a count. */
    private static final class CountingInputStream extends FilterInputStream {

        private final AtomicLong count;

        CountingInputStream(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}
