package io.chatkit.protocol;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.InvalidInputException;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.port.in.Chat;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * The chat's wire protocol, whatever carries it: a frame from a connection in, the reply frame out; the
 * notifications to other connections leave through the core's {@code Pusher}, encoded by {@link #encode}.
 * The Lambda runtime feeds it API Gateway's events, the local runtime its WebSocket frames, and your own
 * server can feed it its sockets' frames.
 *
 * <pre>{@code
 * ChatProtocol protocol = new ChatProtocol(chat);
 * Reply reply = protocol.handle(ConnectionId.of("c1"), "{\"action\":\"listRooms\"}");
 * if (reply.hasFrame()) {
 *     socket.send(reply.frame());
 * }
 * }</pre>
 */
public final class ChatProtocol {
    /** The protocol's actions: each is a route key of the WebSocket API, besides $connect, $disconnect, $default. */
    public static final Set<String> ACTIONS = Actions.NAMES;
    /** API Gateway's limit on one WebSocket message (a reply or a push): 128 KB. No frame the protocol writes exceeds it. */
    public static final int MAX_FRAME_BYTES = 128 * 1024;
    /**
     * What the items of one page ({@code messages}, {@code rooms}) may take: a page stops before it would pass
     * this, and carries a cursor to the rest, leaving room for the frame around the items.
     */
    public static final int PAGE_BYTES = 100_000;

    /**
     * Refusals that count towards closing a connection: frames a well-behaved client never sends, and frames beyond
     * the allowance (a client that waits {@code retryAfterMs} never has 20 of those in a row: an admitted frame ends
     * the run).
     */
    private static final Set<ErrorCode> COUNTED_REFUSALS = Set.of(ErrorCode.INVALID_JSON, ErrorCode.UNKNOWN_ACTION,
            ErrorCode.MISSING_FIELD, ErrorCode.INVALID_INPUT, ErrorCode.FRAME_TOO_LARGE, ErrorCode.RATE_LIMITED);

    private static final System.Logger LOG = System.getLogger(ChatProtocol.class.getName());

    private final Chat chat;

    public ChatProtocol(Chat chat) {
        this.chat = chat;
    }

    /**
     * Runs one client frame for the connection it came from; never throws for anything the client sent. Every frame
     * pays: one refused before any use case ran is charged to its user's allowance, and a connection refused
     * {@code ChatLimits.refusalsInARow} times in a row is closed ({@link io.chatkit.core.port.in.RefusedFramesUseCase}).
     */
    public Reply handle(ConnectionId caller, String frame) {
        ReplyFacts trace = new ReplyFacts();
        Reply reply = answer(caller, frame, trace);
        try {
            if (reply.outcome() == Reply.Outcome.REFUSED
                    && reply.code().filter(COUNTED_REFUSALS::contains).isPresent()) {
                chat.refusedFrames().refused(caller, !trace.wasCharged());
            } else if (reply.outcome() != Reply.Outcome.FAILED) {
                chat.refusedFrames().answered(caller);
            }
        } catch (RuntimeException failure) {
            // the reply stands: charging a refused frame is the chat's business, not the client's
            LOG.log(Level.ERROR, "counting a refused frame of connection " + caller + " failed", failure);
        }
        return reply;
    }

    private Reply answer(ConnectionId caller, String frame, ReplyFacts trace) {
        Optional<String> requestId = Optional.empty();
        try {
            Request request = Request.parse(frame);
            requestId = request.requestId();
            Optional<String> echoed = requestId;
            return Actions.run(chat, caller, request, trace).fold(
                    reply -> trace.reply(Reply.Outcome.ANSWERED, reply, Optional.empty()),
                    rejection -> refused(Refusal.of(rejection), echoed(echoed, frame), trace));
        } catch (Refusal.Raised raised) {
            return refused(raised.refusal(), echoed(requestId, frame), trace);
        } catch (InvalidInputException invalid) {
            return refused(new Refusal(ErrorCode.INVALID_INPUT, WireNames.field(invalid.field()) + ": "
                    + invalid.rule()), echoed(requestId, frame), trace);
        } catch (RuntimeException failure) {
            LOG.log(Level.ERROR, "a frame on connection " + caller + " failed", failure);
            return trace.reply(Reply.Outcome.FAILED, errorFrame(new Refusal(ErrorCode.INTERNAL_ERROR,
                    "the request failed on our side; it is safe to retry"), echoed(requestId, frame)),
                    Optional.of(ErrorCode.INTERNAL_ERROR));
        }
    }

    /** The request id as the strict read found it, else as a lenient second read of the frame finds it. */
    private static Optional<String> echoed(Optional<String> read, String frame) {
        return read.or(() -> Request.requestIdOf(frame));
    }

    /**
     * The {@code error} frame for a transport that answers before the protocol sees the frame (a refusal of its
     * own, or {@code INTERNAL_ERROR} when it cannot reach the chat).
     */
    public static String errorFrame(Refusal refusal) {
        return errorFrame(refusal, Optional.empty());
    }

    /** The same, answering {@code frame}: its {@code requestId} is echoed whenever it can be read. */
    public static String errorFrame(Refusal refusal, String frame) {
        return errorFrame(refusal, Request.requestIdOf(frame));
    }

    private static String errorFrame(Refusal refusal, Optional<String> requestId) {
        Optional<Long> retryAfter = refusal.code() == ErrorCode.RATE_LIMITED
                ? Optional.of(refusal.retryAfter().toMillis()) : Optional.empty();
        return FrameWriter.frame("error", new FrameData.ErrorData(refusal.code().name(), refusal.message(),
                retryAfter), requestId);
    }

    /** A notification as the frame pushed to a connection: what a {@code Pusher} sends. */
    public static byte[] encode(Notification notification) {
        return PushFrames.of(notification).getBytes(StandardCharsets.UTF_8);
    }

    /** The frame of a notification, as text. */
    public static String frameOf(Notification notification) {
        return new String(encode(notification), StandardCharsets.UTF_8);
    }

    /** Loads and runs the protocol's reading and writing once, so a first request does not pay for it. */
    public static void warmUp() {
        Request.parse("{\"action\":\"sendMessage\",\"chatRoomId\":\"r\",\"content\":\"warm\",\"limit\":1}").action();
        errorFrame(new Refusal(ErrorCode.INTERNAL_ERROR, "warm"), Optional.of("warm"));
    }

    private static Reply refused(Refusal refusal, Optional<String> requestId, ReplyFacts trace) {
        return trace.reply(Reply.Outcome.REFUSED, errorFrame(refusal, requestId), Optional.of(refusal.code()));
    }
}
