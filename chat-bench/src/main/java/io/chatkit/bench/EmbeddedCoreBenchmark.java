package io.chatkit.bench;

import io.chatkit.testkit.fixtures.Fixtures;
import io.chatkit.adapter.inmemory.InMemoryConnectionStore;
import io.chatkit.adapter.inmemory.InMemoryMessageStore;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.ConnectUseCase.ConnectCommand;
import io.chatkit.core.port.in.CreateRoomUseCase.CreateRoomCommand;
import io.chatkit.core.port.in.SendMessageUseCase.SendMessageCommand;
import io.chatkit.core.port.out.PushResult;
import io.chatkit.core.service.ChatServices;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * 4. The embedded core: sendMessage with the in-memory adapters in a 10-member room, one connection per
 * member, a pusher that only counts. Fresh stores every iteration so the history does not grow without end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EmbeddedCoreBenchmark {
    private ChatServices chat;
    private Room room;
    private final LongAdder pushes = new LongAdder();
    private final ThreadLocal<ConnectionId> sender = new ThreadLocal<>();
    private List<ConnectionId> connections;

    @Setup(Level.Iteration)
    public void freshChat() {
        chat = ChatServices.builder()
                .connections(new InMemoryConnectionStore())
                .messages(new InMemoryMessageStore())
                .pusher((ids, notification) -> {
                    Map<ConnectionId, PushResult> results = new LinkedHashMap<>();
                    ids.forEach(id -> results.put(id, PushResult.delivered()));
                    pushes.add(results.size());
                    return results;
                })
                .executor(Runnable::run)
                .limits(Fixtures.LIMITS_OUT_OF_REACH)
                .build();
        List<UserId> members = IntStream.range(0, 10).mapToObj(i -> UserId.of("member" + i)).toList();
        connections = members.stream().map(member -> {
            ConnectionId id = ConnectionId.of(member.value() + "-tab=");
            chat.connect().connect(new ConnectCommand(id, member, Instant.now()));
            return id;
        }).toList();
        room = chat.createRoom().createRoom(new CreateRoomCommand(members.get(0), Set.copyOf(members.subList(1, 10)),
                RoomName.of("bench"))).fold(r -> r, r -> null);
    }

    @Benchmark
    public Object sendMessage() {
        ConnectionId from = sender.get();
        if (from == null) {
            from = connections.get((int) (Thread.currentThread().getId() % connections.size()));
            sender.set(from);
        }
        ConnectionId over = from;
        // the user of the connection, as a runtime knows it
        return chat.identify().whoIs(over).then(user -> chat.sendMessage().send(
                new SendMessageCommand(user, over, room.id(), MessageContent.of("hello"), Optional.empty())));
    }
}
