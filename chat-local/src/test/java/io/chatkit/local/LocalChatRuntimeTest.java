package io.chatkit.local;

import io.chatkit.standalone.Logs;
import io.chatkit.standalone.RuntimeOptions;
import io.chatkit.testkit.contract.ChatRuntimeContract;
import io.chatkit.testkit.fixtures.LeapingClock;
import io.chatkit.testkit.websocket.ChatEndpoint;
import java.time.Duration;

/** The runtime contract on the local API Gateway, running the unchanged Lambda handler. */
class LocalChatRuntimeTest extends ChatRuntimeContract {
    private LocalChat chat;
    private LeapingClock clock;

    @Override
    protected ChatEndpoint start() throws Exception {
        clock = new LeapingClock();
        chat = LocalChat.start(RuntimeOptions.defaults().withPort(0).withLogs(Logs.NONE), clock);
        return Endpoints.of(chat.gateway());
    }

    @Override
    protected void letTimePass(Duration duration) {
        clock.leap(duration);
    }

    @Override
    protected void stop() throws Exception {
        chat.close();
    }
}
