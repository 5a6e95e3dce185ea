package io.chatkit.testkit.websocket;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The WebSocket under a {@link ChatClient}: whole text messages in, text frames out. */
interface ClientSocket {
    /** Sends one frame of a text message ({@code last}: the message's final frame). */
    CompletableFuture<?> sendText(String text, boolean last);

    /** Drops the TCP connection without a close frame, as a lost network does. */
    void abort();

    /** Closes with 1000. */
    void close();

    List<String> negotiatedExtensions();

    /** Where a socket hands what it receives: each whole text message, and the close code (-1: an error). */
    record Inbound(Consumer<String> messages, CompletableFuture<Integer> closedWith) {
    }
}
