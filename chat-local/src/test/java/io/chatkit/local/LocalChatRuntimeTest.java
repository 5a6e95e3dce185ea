package io.chatkit.local;

import io.chatkit.standalone.Logs;
import io.chatkit.standalone.RuntimeOptions;
import io.chatkit.testkit.contract.ChatRuntimeContract;
import io.chatkit.testkit.websocket.ChatEndpoint;

/** The runtime contract on the local API Gateway, running the unchanged Lambda handler. */
class LocalChatRuntimeTest extends ChatRuntimeContract {
    private LocalChat chat;

    @Override
    protected ChatEndpoint start() throws Exception {
        chat = LocalChat.start(RuntimeOptions.defaults().withPort(0).withLogs(Logs.NONE));
        return Endpoints.of(chat.gateway());
    }

    @Override
    protected void stop() throws Exception {
        chat.close();
    }
}
