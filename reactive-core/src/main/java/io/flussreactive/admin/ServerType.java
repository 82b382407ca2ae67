package io.flussreactive.admin;

/** The kind of a Fluss server. */
public enum ServerType {
    /** The coordinator: DDL and cluster metadata. */
    COORDINATOR,
    /** A tablet server: it stores buckets and leads some of them. */
    TABLET_SERVER,
    /** A server that did not say what it is. */
    UNKNOWN
}
