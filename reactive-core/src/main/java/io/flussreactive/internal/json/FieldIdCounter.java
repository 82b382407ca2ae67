package io.flussreactive.internal.json;

/**
 * Hands out the column and nested field ids of one schema, in the order the server numbers them:
 * 0, 1, 2, ... depth first.
 */
final class FieldIdCounter {

    private int highest = -1;

    int next() {
        return ++highest;
    }

    /** The largest id handed out so far, -1 if none. */
    int highest() {
        return highest;
    }
}
