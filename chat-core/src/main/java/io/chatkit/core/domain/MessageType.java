package io.chatkit.core.domain;

/** Who wrote a message: a member, or the system (e.g. "room created"). */
public enum MessageType {
    USER("user"),
    SYSTEM("system");

    private final String wireName;

    MessageType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static MessageType fromWireName(String name) {
        for (MessageType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new InvalidInputException("messageType", "unknown message type " + name);
    }
}
