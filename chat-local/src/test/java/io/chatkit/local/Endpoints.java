package io.chatkit.local;

import io.chatkit.testkit.websocket.ChatEndpoint;

/** Where the local gateway answers, for the test client. */
final class Endpoints {
    private Endpoints() {
    }

    static ChatEndpoint of(LocalGateway gateway) {
        return new ChatEndpoint(gateway.httpUrl(), gateway.websocketUrl());
    }
}
