package io.chatkit.adapter.inmemory;

import io.chatkit.core.port.out.RateLimitStore;
import io.chatkit.testkit.contract.RateLimitStoreContract;

/** The core's single-process store, which the in-memory composition (and chat-local on memory) uses. */
class InProcessRateLimitStoreTest extends RateLimitStoreContract {
    @Override
    protected RateLimitStore newStore() {
        return RateLimitStore.inProcess();
    }
}
