package io.chatkit.server;

import io.chatkit.standalone.Logs;
import io.chatkit.testkit.contract.ChatRuntimeContract;
import io.chatkit.testkit.websocket.ChatEndpoint;

/** The runtime contract on the embedded server: the protocol straight from the sockets, pushes in process. */
class ChatServerRuntimeTest extends ChatRuntimeContract {
    private ChatServer server;

    @Override
    protected ChatEndpoint start() throws Exception {
        server = ChatServer.start(ServerOptions.defaults().withDev().withPort(0).withLogs(Logs.NONE));
        return new ChatEndpoint(server.httpUrl(), server.websocketUrl());
    }

    @Override
    protected void stop() throws Exception {
        server.close();
    }
}
