package io.chatkit.testkit.websocket;

/**
 * Where a running chat answers: its HTTP root ({@code /dev/token}, the web client) and its WebSocket URL
 * ({@code ws://host:port/{stage}}), the same shape for every runtime.
 */
public record ChatEndpoint(String httpUrl, String websocketUrl) {
}
