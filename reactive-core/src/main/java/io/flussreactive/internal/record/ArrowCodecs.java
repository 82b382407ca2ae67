package io.flussreactive.internal.record;

import com.github.luben.zstd.util.Native;
import io.flussreactive.admin.ArrowCompression;
import java.util.Objects;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;

/**
 * The Arrow buffer compression codecs of ARROW log batches: Arrow's own LZ4 frame and ZSTD codecs,
 * which write the framing the server and the official client read.
 *
 * <p>The ZSTD codec needs a native library that is unpacked to a temporary file and loaded the
 * first time ZSTD is used. That is blocking file I/O, so {@link #preload()} must run on a thread
 * that may block (when the client starts) before batches are encoded or decoded on non-blocking
 * threads.
 */
public final class ArrowCodecs {

    private ArrowCodecs() {}

    /**
     * Loads what the codecs need from disk, so that compressing and decompressing never block
     * later. Safe to call more than once; only the first call does any work.
     */
    public static void preload() {
        Native.load();
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
