package io.chatkit.protocol;

import io.chatkit.core.domain.Emoji;
import io.chatkit.core.domain.MessageChange;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.in.ChangeMessageUseCase.ReactCommand;
import io.chatkit.core.port.in.Outcome;

/**
 * {@code react} {chatRoomId, messageId, emoji, on} → {@code reactionsChanged} {chatRoomId, messageId, reactions:
 * [{emoji, userIds}], changeId?}: any member adds ({@code on: true}) or takes out their reaction; every other
 * connection of every member gets it, unless it changed nothing.
 */
final class ReactAction implements Action {
    @Override
    public String name() {
        return "react";
    }

    @Override
    public Outcome<ReplyData> run(Call call) {
        return call.user().then(reactor -> call.chat().changeMessage().react(new ReactCommand(reactor, call.caller(),
                        RoomId.of(call.request().text("chatRoomId")), MessageId.of(call.request().text("messageId")),
                        Emoji.of(call.request().text("emoji")), call.request().bool("on"))))
                .then(reacted -> Outcome.accepted(ReplyData.of(ChangeFrames.reactions(reacted.message(),
                        reacted.change().map(MessageChange::changeId)))));
    }
}
