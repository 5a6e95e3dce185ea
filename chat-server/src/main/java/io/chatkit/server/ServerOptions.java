package io.chatkit.server;

import static io.chatkit.standalone.CommandLine.value;

import io.chatkit.standalone.CommandLine.UsageException;
import io.chatkit.standalone.LimitOptions;
import io.chatkit.standalone.Logs;
import io.chatkit.standalone.RuntimeOptions;
import java.net.URI;
import java.net.URL;
import java.util.Optional;

/**
 * What the command line sets: the options both standalone runtimes take ({@link RuntimeOptions}, the same names and
 * defaults as {@code chat-local}'s), and who the users are.
 *
 * @param issuer an OpenID Connect issuer whose id tokens it accepts (Cognito's included), over {@code https}
 * @param dev    LOCAL USE ONLY, and only when asked for: without an issuer, {@code POST /dev/token} mints tokens for
 *               any user name, as in {@code chat-local}; an {@code http} issuer is accepted. A server needs an issuer
 *               or this
 */
public record ServerOptions(RuntimeOptions runtime, Optional<Issuer> issuer, boolean dev) {

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

    /** An issuer, where its keys are, and the client its tokens must be for ({@code aud}). */
    public record Issuer(String issuer, URL jwksUrl, String clientId) {
    }

    public static ServerOptions defaults() {
        return new ServerOptions(RuntimeOptions.defaults(), Optional.empty(), false);
    }

    public ServerOptions withRuntime(RuntimeOptions newRuntime) {
        return new ServerOptions(newRuntime, issuer, dev);
    }

    public ServerOptions withPort(int port) {
        return withRuntime(runtime.withPort(port));
    }

    public ServerOptions withLogs(Logs logs) {
        return withRuntime(runtime.withLogs(logs));
    }

    public ServerOptions withLimits(io.chatkit.core.service.ChatLimits limits) {
        return withRuntime(runtime.withLimits(limits));
    }

    public ServerOptions withDynamoDb(URI endpoint, String table) {
        return withRuntime(runtime.withDynamoDb(endpoint, table));
    }

    /** LOCAL USE ONLY: see {@link #dev}. */
    public ServerOptions withDev() {
        return new ServerOptions(runtime, issuer, true);
    }

    public ServerOptions withIssuer(Issuer newIssuer) {
        return new ServerOptions(runtime, Optional.of(newIssuer), dev);
    }

    static final String USAGE = """
            usage: java -jar chat-server/target/chat-server.jar [options]
            """ + RuntimeOptions.USAGE + """
              --issuer URL              accept id tokens of this OpenID Connect issuer (Cognito: the user pool's URL;
                                        https)
              --jwks-url URL            its keys (default {issuer}/.well-known/jwks.json)
              --client-id ID            the client its tokens must be for (aud); required with --issuer
              --dev                     LOCAL USE ONLY: without --issuer, POST /dev/token mints a token for any user
                                        name (requests a proxy forwarded are refused); an http issuer is accepted
            One of --issuer and --dev is required.
            What one user may do:
            """ + LimitOptions.USAGE;

    static ServerOptions parse(String... args) {
        IdentityArguments identity = new IdentityArguments();
        RuntimeOptions runtime = RuntimeOptions.parse(args, identity);
        if (identity.issuer == null && (identity.jwks != null || identity.client != null)) {
            throw new UsageException("--jwks-url and --client-id go with --issuer");
        }
        if (identity.issuer != null && identity.client == null) {
            throw new UsageException("--issuer needs --client-id");
        }
        try {
            ServerOptions options = new ServerOptions(runtime, Optional.empty(), identity.dev);
            if (identity.issuer != null) {
                options = options.withIssuer(new Issuer(identity.issuer, ChatServer.url(identity.jwks != null
                        ? identity.jwks : identity.issuer + "/.well-known/jwks.json"), identity.client));
            }
            options.requireIdentity();
            return options;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The options only chat-server has, as they are read: who its users are. */
    private static final class IdentityArguments implements RuntimeOptions.OwnOptions {
        private String issuer;
        private String jwks;
        private String client;
        private boolean dev;

        @Override
        public Optional<Integer> read(String[] args, int index) {
            String option = args[index];
            switch (option) {
                case "--issuer" -> issuer = value(args, index + 1, option);
                case "--jwks-url" -> jwks = value(args, index + 1, option);
                case "--client-id" -> client = value(args, index + 1, option);
                case "--dev" -> {
                    dev = true;
                    return Optional.of(index);
                }
                default -> {
                    return Optional.empty();
                }
            }
            return Optional.of(index + 1);
        }
    }
}
