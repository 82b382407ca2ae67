package io.flussreactive.internal.rpc;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import com.google.protobuf.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A request message whose record batches go into the frame by reference instead of being copied: the
 * per-bucket entries of a ProduceLog or PutKv request, each ending with a {@code bytes} field that holds a
 * whole batch.
 *
 * <p>The message is written as its other fields (serialized by protobuf), then one length-delimited
 * entry per bucket: the entry's other fields (serialized by protobuf), then the records field, whose bytes
 * are a slice of the caller's buffer. Protobuf readers take fields in any order, so the server reads the
 * same message as if it had been built with every field in place.
 *
 * @param <Q> the request message type, which names the API it may be sent to
 */
public final class RecordsMessage<Q extends MessageLite> {

    private final MessageLite head;
    private final int entriesField;
    private final int recordsField;
    private final List<MessageLite> entryFields = new ArrayList<>();
    private final List<ByteBuf> entryRecords = new ArrayList<>();

    /**
     * Starts a message.
     *
     * @param head the message with every field but the per-bucket entries
     * @param entriesField the number of the repeated per-bucket entry field in {@code Q}
     * @param recordsField the number of the records field in an entry
     */
    public RecordsMessage(Q head, int entriesField, int recordsField) {
        this.head = head;
        this.entriesField = entriesField;
        this.recordsField = recordsField;
    }

    /**
     * Adds an entry.
     *
     * @param fields the entry with every field but its records (built with {@code buildPartial()}, since
     *     the records field is required)
     * @param records the entry's records, from reader index to writer index; the frame keeps a reference
     *     to them until it is written
     * @return this message
     */
    public RecordsMessage<Q> add(MessageLite fields, ByteBuf records) {
        entryFields.add(fields);
        entryRecords.add(records);
        return this;
    }

    /** The size of the serialized message. */
    int serializedSize() {
        int size = head.getSerializedSize();
        for (int i = 0; i < entryFields.size(); i++) {
            int entry = entrySize(i);
            size += fieldHeaderSize(entriesField, entry) + entry;
        }
        return size;
    }

    private int entrySize(int i) {
        int records = entryRecords.get(i).readableBytes();
        return entryFields.get(i).getSerializedSize() + fieldHeaderSize(recordsField, records) + records;
    }

    /** The tag and length of a length-delimited field. */
    private static int fieldHeaderSize(int field, int length) {
        return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(length);
    }

    /** The bytes written around the records: everything but the records themselves. */
    int copiedSize() {
        int size = serializedSize();
        for (ByteBuf records : entryRecords) {
            size -= records.readableBytes();
        }
        return size;
    }

    /**
     * Writes the message into a frame: the parts around the records are appended to {@code copied} (which
     * holds the frame header already, and has room for {@link #copiedSize()} bytes more), and the frame
     * gets, in order, slices of {@code copied} and slices of the records. The slices hold references of
     * their own; the caller still releases its reference to {@code copied}.
     *
     * @param copied the frame's copied bytes, starting with its header
     * @param frame where the parts go
     */
    void writeTo(ByteBuf copied, CompositeByteBuf frame) {
        write(copied, head::writeTo, head.getSerializedSize());
        int notInFrame = copied.readerIndex();
        for (int i = 0; i < entryFields.size(); i++) {
            MessageLite fields = entryFields.get(i);
            int records = entryRecords.get(i).readableBytes();
            int entry = entrySize(i);
            // Everything of the entry up to its records' bytes.
            int prefix = fieldHeaderSize(entriesField, entry) + entry - records;
            write(copied, out -> {
                out.writeTag(entriesField, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(entry);
                fields.writeTo(out);
                out.writeTag(recordsField, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(records);
            }, prefix);
            frame.addComponent(true, copied.retainedSlice(notInFrame, copied.writerIndex() - notInFrame));
            frame.addComponent(true, entryRecords.get(i).retainedSlice());
            notInFrame = copied.writerIndex();
        }
        if (copied.writerIndex() > notInFrame) {
            frame.addComponent(true, copied.retainedSlice(notInFrame, copied.writerIndex() - notInFrame));
        }
    }

    private static void write(ByteBuf into, Writer writer, int size) {
        CodedOutputStream out = CodedOutputStream.newInstance(into.nioBuffer(into.writerIndex(), size));
        try {
            writer.write(out);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not serialize a request", e);
        }
        into.writerIndex(into.writerIndex() + size);
    }

    /** Writes part of the message. */
    @FunctionalInterface
    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }
}
