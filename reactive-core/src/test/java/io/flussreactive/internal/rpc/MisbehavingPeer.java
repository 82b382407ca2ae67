package io.flussreactive.internal.rpc;

import io.flussreactive.internal.proto.ApiVersionsResponse;
import io.flussreactive.internal.proto.DatabaseExistsResponse;
import io.flussreactive.internal.proto.PbApiVersion;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Fluss server of a test's own making on a loopback port, speaking just enough of the protocol to
 * answer the handshake (ApiVersions) and DATABASE_EXISTS requests ("no such database"), unless it was told
 * to misbehave on a connection: then, once a number of DATABASE_EXISTS requests are waiting on that
 * connection, it writes the bytes the test chose instead of their answers, or it answers nothing at all.
 *
 * <p>Connections are scripted in the order they are accepted; one without a script behaves. Plain JDK
 * sockets on daemon threads (one per connection), so that what the peer does is never mixed up with the
 * client's event loops.
 */
final class MisbehavingPeer implements AutoCloseable {

    /** What a misbehaving connection writes instead of the answers to the requests waiting on it. */
    @FunctionalInterface
    interface Garbage {
        /**
         * @param waitingIds the request ids of the DATABASE_EXISTS requests waiting, in arrival order
         * @return the bytes to write, right after the last of those requests arrived
         */
        byte[] bytes(List<Integer> waitingIds);
    }

    /** The script of one connection. */
    private record Script(boolean silent, int requestsToWaitFor, Garbage garbage) {
    }

    private static final byte SUCCESS = 0;

    private final ServerSocket listener;
    private final Queue<Script> scripts = new ConcurrentLinkedQueue<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean closed;

    private MisbehavingPeer(ServerSocket listener) {
        this.listener = listener;
        Thread acceptor = new Thread(this::acceptConnections, "misbehaving-peer-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a peer on an ephemeral loopback port; every connection behaves until scripted otherwise. */
    static MisbehavingPeer start() throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new MisbehavingPeer(listener);
    }

    /**
     * The next connection accepted (after those scripted already) answers the handshake, then, once
     * {@code requests} DATABASE_EXISTS requests wait on it, writes {@code garbage} instead of their answers
     * and keeps the connection open, reading and answering nothing more: only the client may close it.
     */
    MisbehavingPeer misbehaveAfter(int requests, Garbage garbage) {
        scripts.add(new Script(false, requests, garbage));
        return this;
    }

    /** The next connection accepted (after those scripted already) reads everything and answers nothing. */
    MisbehavingPeer silent() {
        scripts.add(new Script(true, 0, null));
        return this;
    }

    /** The next connection accepted (after those scripted already) behaves. */
    MisbehavingPeer behave() {
        scripts.add(new Script(false, Integer.MAX_VALUE, null));
        return this;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** {@code 127.0.0.1:port}, as the client names this server in its messages. */
    String address() {
        return "127.0.0.1:" + port();
    }

    /** How many connections were accepted so far. */
    int acceptedCount() {
        return accepted.get();
    }

    /** A response frame of type SUCCESS: {@code [length][type 0][request id][body]}. */
    static byte[] successFrame(int requestId, byte[] body) {
        return responseFrame(SUCCESS, requestId, body);
    }

    /** A response frame {@code [length][type][request id][body]}, whatever the type. */
    static byte[] responseFrame(byte type, int requestId, byte[] body) {
        return frame(1 + 4 + body.length, out -> {
            out.writeByte(type);
            out.writeInt(requestId);
            out.write(body);
        });
    }

    /** A length field announcing {@code length} bytes, followed by only a few of them. */
    static byte[] lengthFieldFollowedByTooLittle(int length) {
        return frame(length, out -> out.write(new byte[] {SUCCESS, 0, 0, 0, 0}));
    }

    private static byte[] frame(int length, FrameWriter rest) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(length);
            rest.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @FunctionalInterface
    private interface FrameWriter {
        void write(DataOutputStream out) throws IOException;
    }

    private void acceptConnections() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            sockets.add(socket);
            Script script = scripts.poll();
            Thread connection = new Thread(() -> serve(socket, script == null ? new Script(false, Integer.MAX_VALUE, null)
                    : script), "misbehaving-peer-connection-" + socket.getPort());
            connection.setDaemon(true);
            connection.start();
        }
    }

    private void serve(Socket socket, Script script) {
        try (socket) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            List<Integer> waiting = new ArrayList<>();
            boolean misbehaved = false;
            while (true) {
                int length = in.readInt();
                short apiKey = in.readShort();
                in.readShort(); // version
                int requestId = in.readInt();
                in.readFully(new byte[length - RequestFrame.HEADER_SIZE]);
                if (script.silent() || misbehaved) {
                    continue;
                }
                if (apiKey == ApiKey.API_VERSIONS.id()) {
                    out.write(successFrame(requestId, apiVersions()));
                } else if (apiKey == ApiKey.DATABASE_EXISTS.id()) {
                    waiting.add(requestId);
                    if (waiting.size() >= script.requestsToWaitFor()) {
                        out.write(script.garbage().bytes(List.copyOf(waiting)));
                        misbehaved = true;
                    } else if (script.garbage() == null) {
                        out.write(successFrame(requestId, DatabaseExistsResponse.newBuilder().setExists(false).build()
                                .toByteArray()));
                        waiting.clear();
                    }
                }
                out.flush();
            }
        } catch (IOException closedByEitherSide) {
            // The client closed the connection, or close() did.
        } finally {
            sockets.remove(socket);
        }
    }

    private static byte[] apiVersions() {
        ApiVersionsResponse.Builder response = ApiVersionsResponse.newBuilder().setServerType(1);
        for (ApiKey key : List.of(ApiKey.API_VERSIONS, ApiKey.DATABASE_EXISTS)) {
            response.addApiVersions(PbApiVersion.newBuilder()
                    .setApiKey(key.id()).setMinVersion(key.minVersion()).setMaxVersion(key.maxVersion()));
        }
        return response.build().toByteArray();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
