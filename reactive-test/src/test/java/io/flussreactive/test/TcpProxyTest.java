package io.flussreactive.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.test.internal.Polling;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpProxyTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private EchoServer echo;
    private TcpProxy proxy;

    @BeforeEach
    void startEchoServerBehindProxy() throws IOException {
        echo = new EchoServer();
        proxy = TcpProxy.start("127.0.0.1:" + echo.port());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsBytesBothWays() throws Exception {
        assertThat(proxy.address()).isEqualTo("127.0.0.1:" + proxy.port());
        try (Socket client = connectToProxy()) {
            assertThat(exchange(client, "hello")).isEqualTo("hello");
            assertThat(exchange(client, "again")).isEqualTo("again");
            assertThat(proxy.connectionCount()).isEqualTo(1);
            assertThat(proxy.acceptedCount()).isEqualTo(1);
        }
    }

    @Test
    void aClientClosingItsEndClosesTheConnectionThroughTheProxy() throws Exception {
        try (Socket client = connectToProxy()) {
            assertThat(exchange(client, "bye")).isEqualTo("bye");
        }
        Polling.await(() -> proxy.connectionCount() == 0, PATIENCE, () -> "the connection is gone");
        Polling.await(() -> echo.endedConnections() == 1, PATIENCE, () -> "the echo server saw the end");
    }

    @Test
    void pausedProxyHoldsBytesUntilResumed() throws Exception {
        try (Socket client = connectToProxy()) {
            assertThat(exchange(client, "before")).isEqualTo("before");

            proxy.pause();
            assertThat(proxy.isPaused()).isTrue();
            send(client, "held");
            client.setSoTimeout(300);
            assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(proxy.connectionCount()).as("pausing closes nothing").isEqualTo(1);

            proxy.resume();
            client.setSoTimeout((int) PATIENCE.toMillis());
            assertThat(receive(client, 4)).isEqualTo("held");
            assertThat(exchange(client, "after")).isEqualTo("after");
        }
    }

    @Test
    void connectionsOpenedWhilePausedAreHeldToo() throws Exception {
        proxy.pause();
        try (Socket client = connectToProxy()) {
            send(client, "late");
            client.setSoTimeout(300);
            assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

            proxy.resume();
            client.setSoTimeout((int) PATIENCE.toMillis());
            assertThat(receive(client, 4)).isEqualTo("late");
        }
    }

    @Test
    void droppedConnectionsFailOnBothSidesAndNewOnesWork() throws Exception {
        try (Socket client = connectToProxy()) {
            assertThat(exchange(client, "ping")).isEqualTo("ping");

            proxy.dropConnections();

            assertThat(proxy.connectionCount()).isZero();
            assertThatThrownBy(() -> {
                // A reset shows as an exception on read, or at the latest on the next write.
                client.setSoTimeout((int) PATIENCE.toMillis());
                if (client.getInputStream().read() < 0) {
                    throw new IOException("ended without a reset");
                }
            }).isInstanceOf(IOException.class).hasMessageContaining("reset");
            Polling.await(() -> echo.endedConnections() == 1, PATIENCE, () -> "the echo server lost its connection");
        }

        try (Socket client = connectToProxy()) {
            assertThat(exchange(client, "new")).isEqualTo("new");
            assertThat(proxy.acceptedCount()).isEqualTo(2);
        }
    }

    @Test
    void droppingWhilePausedReleasesHeldConnections() throws Exception {
        try (Socket client = connectToProxy()) {
            proxy.pause();
            send(client, "stuck");
            Thread.sleep(100);

            proxy.dropConnections();
            proxy.resume();

            client.setSoTimeout((int) PATIENCE.toMillis());
            assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(IOException.class);
            assertThat(proxy.connectionCount()).isZero();
        }
    }

    @Test
    void aTargetThatRefusesMakesTheProxyRefuse() throws Exception {
        int closedPort;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = unused.getLocalPort();
        }
        try (TcpProxy toNowhere = TcpProxy.start("127.0.0.1", closedPort);
                Socket client = new Socket(InetAddress.getLoopbackAddress(), toNowhere.port())) {
            client.setSoTimeout((int) PATIENCE.toMillis());
            assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(IOException.class);
            assertThat(toNowhere.acceptedCount()).isEqualTo(1);
            assertThat(toNowhere.connectionCount()).isZero();
        }
    }

    @Test
    void aClosedProxyAcceptsNothing() throws Exception {
        Socket client = connectToProxy();
        assertThat(exchange(client, "x")).isEqualTo("x");

        proxy.close();
        proxy.close();

        client.setSoTimeout((int) PATIENCE.toMillis());
        assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(IOException.class);
        client.close();
        assertThat(Ports.accepts(proxy.address())).isFalse();
    }

    private Socket connectToProxy() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout((int) PATIENCE.toMillis());
        return socket;
    }

    private static String exchange(Socket socket, String message) throws IOException {
        send(socket, message);
        return receive(socket, message.length());
    }

    private static void send(Socket socket, String message) throws IOException {
        socket.getOutputStream().write(message.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    private static String receive(Socket socket, int length) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] bytes = in.readNBytes(length);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
