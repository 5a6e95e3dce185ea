package io.chatkit.local;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client that writes frames by hand, for what the JDK's client will not do: it splits a large
 * message into frames of its own choosing, so it cannot send one frame over 32 KB.
 */
final class RawWebSocket implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens the socket and upgrades it; fails unless the gateway answers 101. */
    static RawWebSocket open(URI websocketUrl) throws IOException {
        RawWebSocket ws = new RawWebSocket(new Socket(websocketUrl.getHost(), websocketUrl.getPort()));
        ws.socket.setSoTimeout(5_000);
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        String request = "GET " + websocketUrl.getRawPath() + "?" + websocketUrl.getRawQuery() + " HTTP/1.1\r\n"
                + "Host: " + websocketUrl.getHost() + ":" + websocketUrl.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        ws.out.write(request.getBytes(StandardCharsets.US_ASCII));
        ws.out.flush();
        String head = ws.readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("no upgrade: " + head);
        }
        return ws;
    }

    /** One unfragmented, masked text frame carrying the whole message. */
    void sendOneFrame(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x81); // FIN, text
        frame.write(0x80 | 127); // masked, 64-bit length
        for (int shift = 56; shift >= 0; shift -= 8) {
            frame.write((int) ((long) payload.length >>> shift) & 0xFF);
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** A frame as it came over the wire: its opcode (1 text, 0 continuation), whether it ends a message, its bytes. */
    record Frame(int opcode, boolean fin, byte[] payload) {
    }

    /** Reads data frames until {@code messages} messages have ended (a frame with FIN), and returns them all. */
    java.util.List<Frame> readMessages(int messages) throws IOException {
        java.util.List<Frame> frames = new java.util.ArrayList<>();
        int ended = 0;
        while (ended < messages) {
            Frame frame = readFrame();
            if (frame.opcode() == 0x0 || frame.opcode() == 0x1) {
                frames.add(frame);
                ended += frame.fin() ? 1 : 0;
            }
        }
        return frames;
    }

    /** Reads frames until the server's close frame, and returns its status code. */
    int awaitCloseStatus() throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame.opcode() == 0x8) {
                byte[] payload = frame.payload();
                return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
            }
        }
    }

    void setReadTimeout(java.time.Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    /**
     * Reads until the socket ends: the close frame's status, or empty when the connection ended without one (the
     * server dropped it).
     */
    java.util.OptionalInt awaitEnd() throws IOException {
        try {
            return java.util.OptionalInt.of(awaitCloseStatus());
        } catch (java.io.EOFException | java.net.SocketException dropped) {
            return java.util.OptionalInt.empty();
        }
    }

    /** The next frame from the server (unmasked, as servers send them). */
    private Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        long length = in.readUnsignedByte() & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        return new Frame(first & 0x0F, (first & 0x80) != 0, in.readNBytes((int) length));
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        InputStream raw = in;
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = raw.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
