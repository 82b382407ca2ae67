package io.flussreactive.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** A TCP server on 127.0.0.1 that sends back every byte it receives, for testing the proxy. */
final class EchoServer implements AutoCloseable {

    private final ServerSocket listener;
    private final AtomicInteger endedConnections = new AtomicInteger();

    EchoServer() throws IOException {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::acceptConnections, "echo-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** How many connections have ended, by end of stream or by failure. */
    int endedConnections() {
        return endedConnections.get();
    }

    private void acceptConnections() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Thread echo = new Thread(() -> echo(socket), "echo-connection");
                echo.setDaemon(true);
                echo.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void echo(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // A reset connection ends like a closed one here.
        } finally {
            endedConnections.incrementAndGet();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
