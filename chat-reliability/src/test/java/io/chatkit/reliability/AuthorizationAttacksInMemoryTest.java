package io.chatkit.reliability;

import io.chatkit.adapter.inmemory.InMemoryConnectionStore;
import io.chatkit.adapter.inmemory.InMemoryMessageStore;

/** The authorization attacks over the in-memory stores. */
class AuthorizationAttacksInMemoryTest extends AuthorizationAttacks {
    @Override
    Stores stores() {
        return new Stores(new InMemoryConnectionStore(), new InMemoryMessageStore());
    }
}
