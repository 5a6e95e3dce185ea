package io.chatkit.standalone;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a standalone runtime keeps the chat: in memory (gone when it stops), or in a DynamoDB table — dynalite on this
 * machine, or DynamoDB itself.
 *
 * @param createTable create the table when it is missing (with the chat's keys and index)
 */
public record Storage(Optional<URI> dynamoDbEndpoint, String table, boolean createTable) {
    public static final String DEFAULT_TABLE = "chatkit-local";
    public static final Storage IN_MEMORY = new Storage(Optional.empty(), DEFAULT_TABLE, false);

    public Storage {
        Objects.requireNonNull(dynamoDbEndpoint, "dynamoDbEndpoint");
        Objects.requireNonNull(table, "table");
    }

    /** A table at this endpoint, created if it is missing. */
    public static Storage dynamoDb(URI endpoint, String table) {
        return new Storage(Optional.of(endpoint), table, true);
    }

    public Storage withEndpoint(URI endpoint) {
        return new Storage(Optional.of(endpoint), table, createTable);
    }

    public Storage withTable(String name) {
        return new Storage(dynamoDbEndpoint, name, createTable);
    }

    public Storage creatingTable() {
        return new Storage(dynamoDbEndpoint, table, true);
    }

    /** For a start-up banner: {@code in memory}, or the endpoint and the table. */
    public String describe() {
        return dynamoDbEndpoint.map(endpoint -> "DynamoDB at " + endpoint + ", table " + table).orElse("in memory");
    }
}
