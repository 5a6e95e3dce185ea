package io.chatkit.core.domain;

/** Who wrote a message: a member, or the system (e.g. "room created"). */
public enum MessageType {
    USER,
    SYSTEM
}
