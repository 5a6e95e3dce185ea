package io.chatkit.standalone;

import io.chatkit.core.service.ChatLimits;
import java.util.Optional;

/** The options that set what one user may do ({@link ChatLimits}), the same in both local runtimes. */
public final class LimitOptions {
    /** Their lines of a usage text. */
    public static final String USAGE = """
              --frames-burst N          frames one user may send at once (default 60)
              --frames-per-second N     the rate a user's frames refill at (default 20)
              --room-changes-per-hour N createRoom, addMembers and unblockUser per user (default 30)
              --connections-per-user N  live connections per user; one more is refused with 429 (default 10)
              --rooms-per-user N        rooms a user may belong to; one more is TOO_MANY_ROOMS (default 1000)
              --connects-burst N        connects one user may make at once; one more gets 429 (default 20)
              --connects-per-minute N   the rate a user's connects refill at (default 20)
              --refusals-in-a-row N     refused frames of one connection in a row before it is closed (default 20)
              --message-changes-per-hour N  editMessage and deleteMessage per user (default 60)
            """;

    private LimitOptions() {
    }

    /** The limits with one option applied, and the index of its value (where the reading goes on after). */
    public record Read(ChatLimits limits, int valueIndex) {
    }

    /** The option at {@code args[index]} applied to {@code limits}; empty if it is not a limit option. */
    public static Optional<Read> read(String[] args, int index, ChatLimits limits) {
        String option = args[index];
        int at = index + 1;
        ChatLimits read = switch (option) {
            case "--frames-burst" -> limits.withFrames(CommandLine.number(args, at, option, 1),
                    (int) (1000 / limits.frames().interval().toMillis()));
            case "--frames-per-second" -> limits.withFrames(limits.frames().burst(),
                    CommandLine.number(args, at, option, 1));
            case "--room-changes-per-hour" -> limits.withRoomChangesPerHour(CommandLine.number(args, at, option, 1));
            case "--connections-per-user" -> limits.withConnectionsPerUser(CommandLine.number(args, at, option, 1));
            case "--rooms-per-user" -> limits.withRoomsPerUser(CommandLine.number(args, at, option, 1));
            case "--connects-burst" -> limits.withConnectsPerMinute(CommandLine.number(args, at, option, 1),
                    (int) (60_000 / limits.connects().interval().toMillis()));
            case "--connects-per-minute" -> limits.withConnectsPerMinute(limits.connects().burst(),
                    CommandLine.number(args, at, option, 1));
            case "--refusals-in-a-row" -> limits.withRefusalsInARow(CommandLine.number(args, at, option, 1));
            case "--message-changes-per-hour" ->
                    limits.withMessageChangesPerHour(CommandLine.number(args, at, option, 1));
            default -> null;
        };
        return Optional.ofNullable(read).map(limited -> new Read(limited, at));
    }
}
