package io.chatkit.adapter.inmemory;

import io.chatkit.testkit.contract.MessageStoreContract;
import io.chatkit.core.port.out.MessageStore;

class InMemoryMessageStoreTest extends MessageStoreContract {
    @Override
    protected MessageStore newStore() {
        return new InMemoryMessageStore();
    }
}
