package io.flussreactive.internal.record;

import com.github.luben.zstd.util.Native;
import io.flussreactive.admin.ArrowCompression;
import io.flussreactive.admin.LogFormat;
import io.flussreactive.admin.TableInfo;
import java.util.Objects;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The Arrow buffer compression codecs of ARROW log batches: Arrow's own LZ4 frame and ZSTD codecs,
 * which write the framing the server and the official client read.
 *
 * <p>The ZSTD codec needs the native library of zstd-jni, which is unpacked from its jar to a
 * temporary file and loaded the first time ZSTD is used: blocking file I/O of some hundred
 * milliseconds. {@link #zstdLoaded()} does that on a thread that may block, and opening a table
 * waits for it through {@link #readyFor(TableInfo)}, so that the table's ZSTD batches are not
 * compressed or decompressed, on threads that must not block, before the library is there.
 */
public final class ArrowCodecs {

    /** Loads the library once per JVM; a failure is kept too, since trying again would fail again. */
    private static final Mono<Void> ZSTD_LOADED = Mono.<Void>fromRunnable(ArrowCodecs::loadZstd)
            .subscribeOn(Schedulers.boundedElastic())
            .cache();

    private ArrowCodecs() {}

    /**
     * Loads the native library of the ZSTD codec on a Reactor bounded-elastic thread, once per JVM.
     * Subscribing starts the loading; later subscribers get the same outcome.
     *
     * @return completes once the library is loaded; fails with an {@link IllegalStateException} when
     *     it cannot be loaded
     */
    public static Mono<Void> zstdLoaded() {
        return ZSTD_LOADED;
    }

    /**
     * Waits until the codec of a table's batches can be used without blocking: for an ARROW log with
     * ZSTD compression, until the native library is loaded.
     *
     * @param table the table whose batches will be encoded or decoded
     * @return completes when the codec is ready; fails when ZSTD is needed but cannot be loaded
     */
    public static Mono<Void> readyFor(TableInfo table) {
        boolean zstd = table.logFormat() == LogFormat.ARROW && table.arrowCompression() == ArrowCompression.ZSTD;
        return zstd ? ZSTD_LOADED : Mono.empty();
    }

    private static void loadZstd() {
        try {
            Native.load();
        } catch (LinkageError e) {
            // Reactor treats a LinkageError as fatal and would rethrow it on this thread instead of
            // failing the subscribers.
            throw new IllegalStateException("ZSTD compression is not available: the native library of zstd-jni "
                    + "could not be loaded (" + e + ")", e);
        }
    }

    /**
     * The codec a table's batches are written with.
     *
     * @param compression the table's codec
     * @param zstdLevel the ZSTD level, used only for {@link ArrowCompression#ZSTD}
     * @return the codec; thread-safe
     */
    public static CompressionCodec forWriting(ArrowCompression compression, int zstdLevel) {
        return switch (Objects.requireNonNull(compression, "compression")) {
            case NONE -> NoCompressionCodec.INSTANCE;
            case LZ4_FRAME -> CommonsCompressionFactory.INSTANCE.createCodec(CompressionUtil.CodecType.LZ4_FRAME);
            case ZSTD -> CommonsCompressionFactory.INSTANCE.createCodec(CompressionUtil.CodecType.ZSTD, zstdLevel);
        };
    }

    /**
     * The codec that decompresses the buffers of a batch.
     *
     * @param codecType the codec named in the batch metadata, LZ4 frame or ZSTD
     * @return the codec; thread-safe
     * @throws IllegalArgumentException for any other codec
     */
    static CompressionCodec forReading(CompressionUtil.CodecType codecType) {
        if (codecType != CompressionUtil.CodecType.LZ4_FRAME && codecType != CompressionUtil.CodecType.ZSTD) {
            throw new IllegalArgumentException("Unsupported Arrow compression codec " + codecType);
        }
        return CommonsCompressionFactory.INSTANCE.createCodec(codecType);
    }
}
