package io.chatkit.server;

import io.chatkit.standalone.CommandLine;

/** {@code java -jar chat-server/target/chat-server.jar [options]}: runs until stopped (Ctrl-C shuts down gracefully). */
public final class ChatServerMain {
    private ChatServerMain() {
    }

    public static void main(String[] args) throws Exception {
        ServerOptions options = CommandLine.parseOrExit(() -> ServerOptions.parse(args), ServerOptions.USAGE);
        options.runtime().logs().install();
        ChatServer server = ChatServer.start(options);
        CommandLine.closeOnExit(server, "chat-server", "stopping: every socket gets what was queued, then 1001");
        System.out.println("chat-server: " + server.websocketUrl() + "?token=…  (web client: " + server.httpUrl() + ")");
        if (options.issuer().isEmpty()) { // --dev
            System.out.println("LOCAL USE ONLY: POST " + server.httpUrl() + "dev/token {\"username\":\"alice\"}");
        }
        Thread.currentThread().join();
    }
}
