package io.chatkit.server;

import io.chatkit.standalone.Logs;
import io.chatkit.testkit.contract.ChatRuntimeContract;
import io.chatkit.testkit.fixtures.LeapingClock;
import io.chatkit.testkit.websocket.ChatEndpoint;
import java.time.Duration;

/** The runtime contract on the embedded server: the protocol straight from the sockets, pushes in process. */
class ChatServerRuntimeTest extends ChatRuntimeContract {
    private ChatServer server;
    private LeapingClock clock;

    @Override
    protected ChatEndpoint start() throws Exception {
        clock = new LeapingClock();
        server = ChatServer.start(ServerOptions.defaults().withDev().withPort(0).withLogs(Logs.NONE), clock);
        return new ChatEndpoint(server.httpUrl(), server.websocketUrl());
    }

    @Override
    protected void letTimePass(Duration duration) {
        clock.leap(duration);
    }

    @Override
    protected void stop() throws Exception {
        server.close();
    }
}
