package io.chatkit.core.domain;

/** A direct room is created with two members; a group with three to fifty, and may grow to fifty. */
public enum RoomType {
    DIRECT,
    GROUP;

    public static final int MAX_MEMBERS = 50;


    /** The most members a room of this type may have. */
    public int maxMembers() {
        return this == DIRECT ? 2 : MAX_MEMBERS;
    }

    public static RoomType forMemberCount(int members) {
        if (members == 2) {
            return DIRECT;
        }
        if (members >= 3 && members <= MAX_MEMBERS) {
            return GROUP;
        }
        throw new InvalidInputException("participantIds",
                "a room has 2 (direct) or 3-" + MAX_MEMBERS + " (group) members including its creator, not " + members);
    }
}
