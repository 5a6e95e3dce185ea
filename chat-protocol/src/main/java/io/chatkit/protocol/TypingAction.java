package io.chatkit.protocol;

import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.TypingUseCase.TypingCommand;

/**
 * {@code typing} {chatRoomId} → no reply (unless refused); every other member's connections get {@code typing}
 * {chatRoomId, userId}, at most once per user and room every 3 s. Nothing is written anywhere.
 */
final class TypingAction implements Action {
    @Override
    public String name() {
        return "typing";
    }

    @Override
    public Outcome<ReplyData> run(Call call) {
        RoomId room = RoomId.of(call.request().text("chatRoomId"));
        call.trace().charged(); // the use case takes the frame from the typist's allowance in this process
        return call.chat().identify().whoIs(call.caller())
                .then(typist -> call.chat().typing().typing(new TypingCommand(call.trace().user(typist),
                        call.caller(), room)))
                .then(fannedOut -> Outcome.accepted(ReplyData.NONE));
    }
}
