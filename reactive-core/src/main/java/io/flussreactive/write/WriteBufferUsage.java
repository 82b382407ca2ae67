package io.flussreactive.write;

/** How full the client's write buffer is: rows taken by writers and not yet acknowledged, in bytes. */
public interface WriteBufferUsage {

    /** The number of bytes that may be taken at once. */
    long capacity();

    /** The number of bytes taken now. */
    long reserved();

    /** The most bytes ever taken at once since the client was created. */
    long peakReserved();
}
