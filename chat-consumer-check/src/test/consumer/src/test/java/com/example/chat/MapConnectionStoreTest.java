package com.example.chat;

import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.testkit.contract.ConnectionStoreContract;

/** The published contract, run against this project's own store. */
class MapConnectionStoreTest extends ConnectionStoreContract {
    @Override
    protected ConnectionStore newStore() {
        return new MapConnectionStore();
    }
}
