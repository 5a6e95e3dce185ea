package io.chatkit.server;

import static io.chatkit.web.CommandLine.number;
import static io.chatkit.web.CommandLine.value;

import io.chatkit.core.service.ChatLimits;
import io.chatkit.web.CommandLine.UsageException;
import io.chatkit.web.LimitOptions;
import java.net.URI;
import java.net.URL;
import java.util.Optional;

/**
 * What the command line sets; the same {@code --port}, {@code --stage} and store options, with the same defaults,
 * as {@code chat-local}, so that clients and tests run against either.
 *
 * @param issuer an OpenID Connect issuer whose id tokens it accepts (Cognito's included), over {@code https}
 * @param dev    LOCAL USE ONLY, and only when asked for: without an issuer, {@code POST /dev/token} mints tokens for
 *               any user name, as in {@code chat-local}; an {@code http} issuer is accepted. A server needs an issuer
 *               or this
 */
public record ServerOptions(int port, String stage, Optional<URI> dynamoDbEndpoint, String table, boolean createTable,
                            Optional<Issuer> issuer, int concurrency, ChatLimits limits, Logs logs, boolean dev) {

    public ServerOptions {
        if (!dev && issuer.filter(given -> !given.issuer().startsWith("https://")).isPresent()) {
            throw new IllegalArgumentException("the issuer must be an https URL (an http one only with --dev): "
                    + issuer.get().issuer());
        }
    }

    /** Refused unless the server knows who its users are: an issuer, or the dev identity asked for by name. */
    void requireIdentity() {
        if (issuer.isEmpty() && !dev) {
            throw new IllegalArgumentException("chat-server needs --issuer (and --client-id) to accept your users' "
                    + "tokens, or --dev for LOCAL USE ONLY, where POST /dev/token mints a token for any name");
        }
    }

    /** Where each request's record goes: readable lines on standard error, JSON lines on standard output, none. */
    public enum Logs { TEXT, JSON, NONE }

    /** An issuer, where its keys are, and the client its tokens must be for ({@code aud}). */
    public record Issuer(String issuer, URL jwksUrl, String clientId) {
    }

    public static ServerOptions defaults() {
        return new ServerOptions(8080, "local", Optional.empty(), "chatkit-local", false, Optional.empty(),
                2 * Runtime.getRuntime().availableProcessors(), ChatLimits.DEFAULTS, Logs.TEXT, false);
    }

    public ServerOptions withPort(int newPort) {
        return new ServerOptions(newPort, stage, dynamoDbEndpoint, table, createTable, issuer, concurrency, limits, logs,
                dev);
    }

    public ServerOptions withLogs(Logs newLogs) {
        return new ServerOptions(port, stage, dynamoDbEndpoint, table, createTable, issuer, concurrency, limits, newLogs,
                dev);
    }

    public ServerOptions withLimits(ChatLimits newLimits) {
        return new ServerOptions(port, stage, dynamoDbEndpoint, table, createTable, issuer, concurrency, newLimits, logs,
                dev);
    }

    public ServerOptions withDynamoDb(URI endpoint, String tableName) {
        return new ServerOptions(port, stage, Optional.of(endpoint), tableName, true, issuer, concurrency, limits, logs,
                dev);
    }

    /** LOCAL USE ONLY: see {@link #dev}. */
    public ServerOptions withDev() {
        return new ServerOptions(port, stage, dynamoDbEndpoint, table, createTable, issuer, concurrency, limits, logs,
                true);
    }

    public ServerOptions withIssuer(Issuer newIssuer) {
        return new ServerOptions(port, stage, dynamoDbEndpoint, table, createTable, Optional.of(newIssuer),
                concurrency, limits, logs, dev);
    }

    static final String USAGE = """
            usage: java -jar chat-server/target/chat-server.jar [options]
              --port N                  listen on 127.0.0.1:N (default 8080; 0 picks a free port)
              --stage NAME              the WebSocket path: ws://127.0.0.1:N/NAME (default local)
              --dynamodb-endpoint URL   store in DynamoDB (dynalite, or real DynamoDB) instead of memory
              --table NAME              the DynamoDB table (default chatkit-local)
              --create-table            create the table if it is missing
              --issuer URL              accept id tokens of this OpenID Connect issuer (Cognito: the user pool's URL;
                                        https)
              --jwks-url URL            its keys (default {issuer}/.well-known/jwks.json)
              --client-id ID            the client its tokens must be for (aud); required with --issuer
              --concurrency N           frames handled at once (default 2 per core)
              --log-json                each request's record as a JSON line on standard output
              --quiet                   no request records
              --dev                     LOCAL USE ONLY: without --issuer, POST /dev/token mints a token for any user
                                        name (requests a proxy forwarded are refused); an http issuer is accepted
            One of --issuer and --dev is required.
            What one user may do:
            """ + LimitOptions.USAGE;

    static ServerOptions parse(String... args) {
        ServerOptions options = defaults();
        String issuer = null;
        String jwks = null;
        String client = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> options = options.withPort(number(args, ++i, arg, 0));
                case "--stage" -> options = new ServerOptions(options.port, value(args, ++i, arg),
                        options.dynamoDbEndpoint, options.table, options.createTable, options.issuer,
                        options.concurrency, options.limits, options.logs, options.dev);
                case "--dynamodb-endpoint" -> options = new ServerOptions(options.port, options.stage,
                        Optional.of(URI.create(value(args, ++i, arg))), options.table, options.createTable,
                        options.issuer, options.concurrency, options.limits, options.logs, options.dev);
                case "--table" -> options = new ServerOptions(options.port, options.stage, options.dynamoDbEndpoint,
                        value(args, ++i, arg), options.createTable, options.issuer, options.concurrency,
                        options.limits, options.logs, options.dev);
                case "--create-table" -> options = new ServerOptions(options.port, options.stage,
                        options.dynamoDbEndpoint, options.table, true, options.issuer, options.concurrency,
                        options.limits, options.logs, options.dev);
                case "--concurrency" -> options = new ServerOptions(options.port, options.stage,
                        options.dynamoDbEndpoint, options.table, options.createTable, options.issuer,
                        number(args, ++i, arg, 1), options.limits, options.logs, options.dev);
                case "--log-json" -> options = options.withLogs(Logs.JSON);
                case "--quiet" -> options = options.withLogs(Logs.NONE);
                case "--issuer" -> issuer = value(args, ++i, arg);
                case "--jwks-url" -> jwks = value(args, ++i, arg);
                case "--client-id" -> client = value(args, ++i, arg);
                case "--dev" -> options = options.withDev();
                case "--help", "-h" -> throw new UsageException(null);
                default -> {
                    LimitOptions.Read read = LimitOptions.read(args, i, options.limits)
                            .orElseThrow(() -> new UsageException("unknown option " + arg));
                    options = options.withLimits(read.limits());
                    i = read.valueIndex();
                }
            }
        }
        if (issuer == null && (jwks != null || client != null)) {
            throw new UsageException("--jwks-url and --client-id go with --issuer");
        }
        if (issuer != null && client == null) {
            throw new UsageException("--issuer needs --client-id");
        }
        try {
            if (issuer != null) {
                options = options.withIssuer(new Issuer(issuer,
                        ChatServer.url(jwks != null ? jwks : issuer + "/.well-known/jwks.json"), client));
            }
            options.requireIdentity();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return options;
    }
}
