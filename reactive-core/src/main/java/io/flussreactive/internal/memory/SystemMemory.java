package io.flussreactive.internal.memory;

import org.apache.arrow.memory.AllocationManager;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ReferenceManager;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * Arrow memory taken from the operating system for each buffer and given back as soon as the buffer
 * is released: no pool keeps chunks of it afterwards (Arrow's Netty-backed allocator kept tens of MiB).
 *
 * <p>Arrow's own module of this kind does not export its package to other modules, so the client
 * brings this one, through Arrow's public {@link MemoryUtil}.
 */
public final class SystemMemory extends AllocationManager {

    /** Makes the buffers of a client's allocators. */
    public static final AllocationManager.Factory FACTORY = new AllocationManager.Factory() {

        private final ArrowBuf empty = new ArrowBuf(ReferenceManager.NO_OP, null, 0, MemoryUtil.allocateMemory(0));

        @Override
        public AllocationManager create(BufferAllocator accountingAllocator, long size) {
            return new SystemMemory(accountingAllocator, size);
        }

        @Override
        public ArrowBuf empty() {
            return empty;
        }
    };

    private final long address;
    private final long size;

    private SystemMemory(BufferAllocator accountingAllocator, long size) {
        super(accountingAllocator);
        this.address = MemoryUtil.allocateMemory(size);
        this.size = size;
    }

    @Override
    public long getSize() {
        return size;
    }

    @Override
    protected long memoryAddress() {
        return address;
    }

    @Override
    protected void release0() {
        MemoryUtil.freeMemory(address);
    }
}
