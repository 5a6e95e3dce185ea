package io.chatkit.adapter.inmemory;

import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.testkit.contract.LastSeenContract;

class InMemoryConnectionStoreTest extends LastSeenContract {
    @Override
    protected ConnectionStore newStore() {
        return new InMemoryConnectionStore();
    }
}
