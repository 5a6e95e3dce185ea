package io.chatkit.server;

import io.chatkit.web.CommandLine;

/** {@code java -jar chat-server/target/chat-server.jar [options]}: runs until stopped (Ctrl-C shuts down gracefully). */
public final class ChatServerMain {
    private ChatServerMain() {
    }

    public static void main(String[] args) throws Exception {
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (CommandLine.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.print(ServerOptions.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        ChatServer server = ChatServer.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("shutdown: " + e);
            }
        }, "chat-server-shutdown"));
        System.out.println("chat-server: " + server.websocketUrl() + "?token=…  (web client: " + server.httpUrl() + ")");
        if (options.issuer().isEmpty()) { // --dev
            System.out.println("LOCAL USE ONLY: POST " + server.httpUrl() + "dev/token {\"username\":\"alice\"}");
        }
        Thread.currentThread().join();
    }
}
