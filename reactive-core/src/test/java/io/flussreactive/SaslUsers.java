package io.flussreactive;

/**
 * The users of the SASL test cluster, as {@code @FlussClusterConfig(saslPlainUsers = ...)} takes them:
 * test classes that name the same users and tablet servers share one cluster.
 */
public final class SaslUsers {

    /** A user with a plain password. */
    public static final String ALICE = "alice";

    /** Alice's password. */
    public static final String ALICE_PASSWORD = "alice-secret";

    /** A user whose password needs escaping in the servers' JAAS configuration. */
    public static final String BOB = "bob";

    /** Bob's password: quotes and a backslash. */
    public static final String BOB_PASSWORD = "bob \"quoted\" \\ secret";

    /** Alice, as the cluster configuration takes her. */
    public static final String ALICE_ENTRY = ALICE + "=" + ALICE_PASSWORD;

    /** Bob, as the cluster configuration takes him. */
    public static final String BOB_ENTRY = BOB + "=" + BOB_PASSWORD;

    /** Tablet servers of the SASL test cluster: two, so that followers fetch over the internal listener. */
    public static final int TABLET_SERVERS = 2;

    private SaslUsers() {
    }
}
