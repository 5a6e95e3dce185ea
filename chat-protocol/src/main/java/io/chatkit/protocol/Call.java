package io.chatkit.protocol;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.Chat;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.PageSize;
import java.util.HashSet;
import java.util.Set;

/** One request on its way through an {@link Action}: the chat, who sent it, its fields, what it learns. */
record Call(Chat chat, ConnectionId caller, Request request, ReplyFacts trace) {

    /** The caller's user, once the frame is taken from their allowance. */
    Outcome<UserId> user() {
        trace.charged();
        return chat.identify().userOf(caller).then(user -> Outcome.accepted(trace.user(user)));
    }

    /** A required array of user ids ({@code participantIds}), each once. */
    Set<UserId> users(String field) {
        Set<UserId> users = new HashSet<>();
        for (String id : request.texts(field)) {
            users.add(UserId.of(id));
        }
        return users;
    }

    /** An optional array of user ids ({@code mentions}): none when the field is missing. */
    Set<UserId> optionalUsers(String field) {
        return request.hasField(field) ? users(field) : Set.of();
    }

    /** The page size asked for ({@code limit}), or the default. */
    PageSize pageSize() {
        return request.optionalInt("limit").map(PageSize::of).orElseGet(PageSize::defaultSize);
    }
}
