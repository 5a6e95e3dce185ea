package io.chatkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatkit.adapter.dynamodb.ChatTable;
import io.chatkit.adapter.dynamodb.TableLease;
import io.chatkit.standalone.Logs;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import io.chatkit.testkit.fixtures.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * chat-server holds its sockets in its own memory: a second process on the same table would answer {@code Gone} for
 * the first one's connections and the chat would forget them. So a second one refuses to start while the first
 * holds the table, and starts once it is gone (closed, or dead and its lease expired).
 */
@ExtendWith(RequiresDynalite.class)
class OneServerPerTableTest {

    @Test
    void a_second_server_on_the_same_table_refuses_to_start_and_starts_once_the_first_has_stopped() throws Exception {
        String table = Dynalite.shared().newTable(ChatTable::createIfMissing);
        ServerOptions options = ServerOptions.defaults().withDev().withPort(0).withLogs(Logs.NONE)
                .withDynamoDb(Dynalite.shared().endpoint(), table);

        try (ChatServer first = ChatServer.start(options)) {
            assertThatThrownBy(() -> ChatServer.start(options)).isInstanceOf(TableLease.LeaseHeldException.class)
                    .hasMessageContaining("table " + table + " is in use by chat-server " + ProcessHandle.current().pid())
                    .hasMessageContaining("run one chat-server per table");
            try (ChatServer another = ChatServer.start(options.withDynamoDb(Dynalite.shared().endpoint(),
                    Dynalite.shared().newTable(ChatTable::createIfMissing)))) {
                assertThat(another.port()).as("another table is another matter").isNotEqualTo(first.port());
            }
        }
        try (ChatServer second = ChatServer.start(options)) {
            assertThat(second.port()).isPositive();
        }
    }

    @Test
    void a_lease_left_by_a_process_that_died_is_taken_once_it_expired() {
        String table = Dynalite.shared().newTable(ChatTable::createIfMissing);
        MutableClock clock = MutableClock.at("2026-12-05T00:00:00Z");
        try (DynamoDbClient client = Dynalite.shared().client()) {
            TableLease dead = TableLease.acquire(client, table, "chat-server", "dead", Duration.ofSeconds(30), clock);
            // a process that died renews nothing and deletes nothing: no close()

            assertThatThrownBy(() -> TableLease.acquire(client, table, "chat-server", "next", Duration.ofSeconds(30),
                    clock)).isInstanceOf(TableLease.LeaseHeldException.class).hasMessageContaining("in use by dead");
            clock.advance(Duration.ofSeconds(31));
            try (TableLease next = TableLease.acquire(client, table, "chat-server", "next", Duration.ofSeconds(30),
                    clock)) {
                dead.close(); // the dead process's lease is no longer its own: closing it takes nothing from next
                assertThatThrownBy(() -> TableLease.acquire(client, table, "chat-server", "third",
                        Duration.ofSeconds(30), clock)).hasMessageContaining("in use by next");
            }
        }
    }
}
