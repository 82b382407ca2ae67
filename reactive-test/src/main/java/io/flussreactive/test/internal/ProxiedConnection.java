package io.flussreactive.test.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One connection through a TCP proxy: the accepted client socket, the socket to the target, and a
 * thread per direction that copies bytes from one to the other when the gate lets them.
 */
public final class ProxiedConnection {

    private static final int BUFFER_SIZE = 16 * 1024;

    private final Socket client;
    private final Socket target;
    private final ForwardingGate toTargetGate;
    private final ForwardingGate toClientGate;
    private final Consumer<ProxiedConnection> onClosed;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger openDirections = new AtomicInteger(2);

    /**
     * A connection between {@code client} and {@code target}; nothing is copied until {@link #start}.
     *
     * @param toTargetGate lets bytes from the client to the target through
     * @param toClientGate lets bytes from the target back to the client through
     * @param onClosed told once when the connection closes, for whatever reason
     */
    public ProxiedConnection(Socket client, Socket target, ForwardingGate toTargetGate, ForwardingGate toClientGate,
            Consumer<ProxiedConnection> onClosed) {
        this.client = client;
        this.target = target;
        this.toTargetGate = toTargetGate;
        this.toClientGate = toClientGate;
        this.onClosed = onClosed;
    }

    /** Starts copying in both directions, on daemon threads named after {@code name}. */
    public void start(String name) {
        startCopying(client, target, toTargetGate, name + "-to-target");
        startCopying(target, client, toClientGate, name + "-to-client");
    }

    /** Whether the connection is closed. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Closes both sockets at once with a reset, as a crashed peer would, rather than an orderly
     * close: both ends see the connection fail, not end.
     */
    public void closeAbruptly() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        reset(client);
        reset(target);
        toTargetGate.wakeAll();
        toClientGate.wakeAll();
        onClosed.accept(this);
    }

    private void startCopying(Socket from, Socket to, ForwardingGate gate, String threadName) {
        Thread thread = new Thread(() -> copy(from, to, gate), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void copy(Socket from, Socket to, ForwardingGate gate) {
        byte[] buffer = new byte[BUFFER_SIZE];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                int read = in.read(buffer);
                // An end of stream is held back too, so that a paused proxy passes nothing on.
                if (!gate.awaitOpen(this::isClosed)) {
                    return;
                }
                if (read < 0) {
                    endOfStream(to);
                    return;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // One side failed: the other must see it fail too.
            closeAbruptly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAbruptly();
        }
    }

    /** Passes an orderly end of stream on; once both directions have ended, the connection is done. */
    private void endOfStream(Socket to) {
        try {
            if (!to.isClosed()) {
                to.shutdownOutput();
            }
        } catch (IOException e) {
            closeAbruptly();
            return;
        }
        if (openDirections.decrementAndGet() == 0 && closed.compareAndSet(false, true)) {
            closeQuietly(client);
            closeQuietly(target);
            onClosed.accept(this);
        }
    }

    private static void reset(Socket socket) {
        try {
            // A zero linger time makes close() send a reset instead of an orderly end of stream.
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // Already closed: nothing to reset.
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is best effort; the socket is unusable either way.
        }
    }
}
