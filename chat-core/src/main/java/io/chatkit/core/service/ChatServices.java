package io.chatkit.core.service;

import io.chatkit.core.port.in.AttachmentUseCase;
import io.chatkit.core.port.in.BlockUseCase;
import io.chatkit.core.port.in.ChangeMessageUseCase;
import io.chatkit.core.port.in.Chat;
import io.chatkit.core.port.in.ConnectUseCase;
import io.chatkit.core.port.in.CreateRoomUseCase;
import io.chatkit.core.port.in.DisconnectUseCase;
import io.chatkit.core.port.in.GetMessagesUseCase;
import io.chatkit.core.port.in.IdentifyConnectionUseCase;
import io.chatkit.core.port.in.ListRoomsUseCase;
import io.chatkit.core.port.in.MarkReadUseCase;
import io.chatkit.core.port.in.MarkUnreadUseCase;
import io.chatkit.core.port.in.MembershipUseCase;
import io.chatkit.core.port.in.RefusedFramesUseCase;
import io.chatkit.core.port.in.SendMessageUseCase;
import io.chatkit.core.port.in.TypingUseCase;
import io.chatkit.core.port.out.BlobStore;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.core.port.out.FrameAllowances;
import io.chatkit.core.port.out.IdGenerator;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.port.out.Pusher;
import io.chatkit.core.port.out.RateLimitStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * Every use case of the chat, wired to the adapters you choose. Build once per process:
 * <pre>{@code
 * ChatServices chat = ChatServices.builder()
 *         .connections(new InMemoryConnectionStore())
 *         .messages(new InMemoryMessageStore())
 *         .pusher(pusher)
 *         .build();
 * }</pre>
 */
public record ChatServices(
        ConnectUseCase connect,
        DisconnectUseCase disconnect,
        IdentifyConnectionUseCase identify,
        CreateRoomUseCase createRoom,
        SendMessageUseCase sendMessage,
        MarkReadUseCase markRead,
        ListRoomsUseCase listRooms,
        GetMessagesUseCase getMessages,
        MembershipUseCase membership,
        RefusedFramesUseCase refusedFrames,
        BlockUseCase blocking,
        TypingUseCase typing,
        MarkUnreadUseCase markUnread,
        ChangeMessageUseCase changeMessage,
        AttachmentUseCase attachments) implements Chat {

    /** The seed's connection lifetime: a connection not heard of for a day is treated as gone. */
    public static final Duration DEFAULT_CONNECTION_TTL = Duration.ofHours(24);

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private ConnectionStore connections;
        private MessageStore messages;
        private Pusher pusher;
        private Clock clock = Clock.systemUTC();
        private IdGenerator ids = IdGenerator.random();
        private Duration connectionTtl = DEFAULT_CONNECTION_TTL;
        private Executor executor;
        private UnaryOperator<Runnable> taskDecorator = UnaryOperator.identity();
        private Duration editWindow = ChangeMessageUseCase.EDIT_WINDOW;
        private RateLimitStore rateLimits;
        private FrameAllowances frameAllowances;
        private ChatLimits limits = ChatLimits.DEFAULTS;
        private BlobStore blobs;
        private AttachmentRules attachmentRules = AttachmentRules.DEFAULTS;

        private Builder() {
        }

        public Builder connections(ConnectionStore connections) {
            this.connections = connections;
            return this;
        }

        public Builder messages(MessageStore messages) {
            this.messages = messages;
            return this;
        }

        public Builder pusher(Pusher pusher) {
            this.pusher = pusher;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder ids(IdGenerator ids) {
            this.ids = ids;
            return this;
        }

        public Builder connectionTtl(Duration connectionTtl) {
            this.connectionTtl = connectionTtl;
            return this;
        }

        /**
         * Runs independent store calls of one request side by side. Give it the executor your stores and pusher
         * use ({@link ChatThreads#bounded}); by default the chat makes its own, bounded the same way.
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** How long after sending a message its sender may edit it; {@link ChangeMessageUseCase#EDIT_WINDOW} unless set. */
        public Builder editWindow(Duration window) {
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("the edit window must be positive: " + window);
            }
            this.editWindow = window;
            return this;
        }

        /**
         * Wraps each task the chat hands its executor, on the thread that hands it over: to carry that thread's
         * context (a request's log scope, its metrics) into the task. None by default.
         */
        public Builder decorateTasks(UnaryOperator<Runnable> decorator) {
            this.taskDecorator = Objects.requireNonNull(decorator, "decorator");
            return this;
        }

        /**
         * Where users' allowances are kept: every process of a deployment must share it (the DynamoDB store
         * does); by default this process's memory, right for a single process only.
         */
        public Builder rateLimits(RateLimitStore rateLimits) {
            this.rateLimits = rateLimits;
            return this;
        }

        /**
         * Where users' frame allowances are kept; by default the connection store's
         * ({@link ConnectionStore#frameAllowances()}: the DynamoDB store keeps each beside the user's connections, one
         * request per frame), else frames are taken from the {@link #rateLimits rate-limit store} beside a look-up of
         * the connection.
         */
        public Builder frameAllowances(FrameAllowances frameAllowances) {
            this.frameAllowances = frameAllowances;
            return this;
        }

        /** What one user may do; {@link ChatLimits#DEFAULTS} unless set. */
        public Builder limits(ChatLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Where attachments' bytes go ({@code S3BlobStore}, or a standalone runtime's {@code FolderBlobStore});
         * without one, {@code requestUpload} and sends with attachments are refused ({@code INVALID_INPUT}).
         */
        public Builder blobStore(BlobStore blobs) {
            this.blobs = Objects.requireNonNull(blobs, "blobs");
            return this;
        }

        /** What may be attached; {@link AttachmentRules#DEFAULTS} if not set. */
        public Builder attachmentRules(AttachmentRules rules) {
            this.attachmentRules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        public ChatServices build() {
            Objects.requireNonNull(connections, "connections");
            Objects.requireNonNull(messages, "messages");
            Objects.requireNonNull(pusher, "pusher");
            if (executor == null) {
                executor = ChatThreads.bounded(ChatThreads.DEFAULT_MAX_THREADS);
            }
            Executor given = executor;
            UnaryOperator<Runnable> decorator = taskDecorator;
            Executor runner = task -> given.execute(decorator.apply(task));
            Broadcaster broadcaster = new Broadcaster(connections, pusher, clock);
            MessagePosting posting = new MessagePosting(messages, runner, clock);
            RoomChanges rooms = new RoomChanges(messages, runner);
            RateLimitStore rateLimitStore = rateLimits == null ? RateLimitStore.inProcess() : rateLimits;
            FrameAllowances frames = Optional.ofNullable(frameAllowances).or(connections::frameAllowances)
                    .orElseGet(() -> new FramesBesideLookUp(connections, rateLimitStore, runner));
            Allowances allowances = new Allowances(connections, frames, rateLimitStore, limits);
            PresenceNotices presence = new PresenceNotices(messages, broadcaster);
            broadcaster.whenLastConnectionForgotten(presence::wentOffline);
            AttachmentFiles files = new AttachmentFiles(Optional.ofNullable(blobs), attachmentRules,
                    messages.attachmentClaims(), clock, runner);
            return new ChatServices(
                    new ConnectService(connections, connectionTtl, allowances, presence),
                    new DisconnectService(connections, presence, clock),
                    new IdentifyConnectionService(broadcaster, clock, allowances),
                    new CreateRoomService(rooms, broadcaster, clock, ids, allowances, limits.roomsPerUser()),
                    new SendMessageService(connections, messages, posting, broadcaster, clock, ids, runner, allowances,
                            files),
                    new MarkReadService(messages, broadcaster, clock),
                    new ListRoomsService(messages, connections, clock),
                    new GetMessagesService(messages, runner, files),
                    new MembershipService(messages, rooms, posting, broadcaster, clock, ids, allowances, limits.roomsPerUser()),
                    new RefusedFramesService(allowances, broadcaster, clock),
                    new BlockService(messages, allowances, clock, runner),
                    new TypingService(messages, connections, broadcaster, clock, limits),
                    new MarkUnreadService(messages, broadcaster, clock),
                    new ChangeMessageService(messages, connections, broadcaster, clock, allowances, editWindow,
                            files),
                    new AttachmentService(messages, files, allowances, ids, clock));
        }
    }
}
