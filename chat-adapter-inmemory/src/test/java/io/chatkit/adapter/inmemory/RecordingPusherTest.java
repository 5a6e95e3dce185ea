package io.chatkit.adapter.inmemory;

import io.chatkit.testkit.contract.PusherContract;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.testkit.fixtures.Fixtures;
import io.chatkit.core.port.out.Pusher;

class RecordingPusherTest extends PusherContract {
    private final RecordingPusher pusher = new RecordingPusher();

    @Override
    protected Pusher pusher() {
        return pusher;
    }

    @Override
    protected ConnectionId openConnection() {
        return Fixtures.connectionId();
    }

    @Override
    protected ConnectionId goneConnection() {
        ConnectionId id = Fixtures.connectionId();
        pusher.gone(id);
        return id;
    }

    @Override
    protected int receivedBy(ConnectionId connection) {
        return pusher.deliveredTo(connection).size();
    }
}
