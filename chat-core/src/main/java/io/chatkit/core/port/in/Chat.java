package io.chatkit.core.port.in;

/**
 * Every use case of the chat: what an incoming adapter (the wire protocol) drives. The core's
 * {@code ChatServices} is one, wired to the adapters a runtime chose.
 */
public interface Chat {
    ConnectUseCase connect();

    DisconnectUseCase disconnect();

    IdentifyConnectionUseCase identify();

    CreateRoomUseCase createRoom();

    SendMessageUseCase sendMessage();

    MarkReadUseCase markRead();

    ListRoomsUseCase listRooms();

    GetMessagesUseCase getMessages();

    MembershipUseCase membership();

    RefusedFramesUseCase refusedFrames();

    BlockUseCase blocking();

    TypingUseCase typing();

    MarkUnreadUseCase markUnread();

    ChangeMessageUseCase changeMessage();

    AttachmentUseCase attachments();
}
