package io.flussreactive.internal.write;

/** What a writer did with a record offered to it. */
public enum Intake {
    /** Taken: its result will follow (a rejected record is taken too, and gets a failed result). */
    TAKEN,
    /** Not taken: the write buffer is full. Offer it again after {@code whenSpaceFreed}. */
    NO_SPACE
}
