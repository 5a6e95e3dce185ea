package io.chatkit.adapter.inmemory;

import io.chatkit.testkit.contract.ConnectionStoreContract;
import io.chatkit.core.port.out.ConnectionStore;

class InMemoryConnectionStoreTest extends ConnectionStoreContract {
    @Override
    protected ConnectionStore newStore() {
        return new InMemoryConnectionStore();
    }
}
