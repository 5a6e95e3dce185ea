package io.chatkit.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent.RequestContext;
import io.chatkit.adapter.apigw.ManagementApiClients;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.port.out.Pusher;
import io.chatkit.core.service.ChatServices;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the handler runs on: the stores, a pusher per callback endpoint, the token verifier and the
 * protocol's services. Built once per Lambda container (see {@link LambdaComposition}); tests and the local
 * runtime build it with other adapters.
 */
public final class Composition {
    private final ConnectionStore connections;
    private final MessageStore messages;
    private final Function<URI, Pusher> pushers;
    private final TokenVerifier tokens;
    private final Optional<URI> callbackUrl;
    private final Clock clock;
    private final Duration connectionTtl;
    private final RenewableIds ids = new RenewableIds();
    private final Map<URI, ChatServices> chats = new ConcurrentHashMap<>();

    private Composition(Builder builder) {
        this.connections = Objects.requireNonNull(builder.connections, "connections");
        this.messages = Objects.requireNonNull(builder.messages, "messages");
        this.pushers = Objects.requireNonNull(builder.pushers, "pushers");
        this.tokens = Objects.requireNonNull(builder.tokens, "tokens");
        this.callbackUrl = Optional.ofNullable(builder.callbackUrl);
        this.clock = builder.clock;
        this.connectionTtl = builder.connectionTtl;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The chat whose pushes go back through the stage the event came from (or the configured callback URL). */
    ChatServices chatFor(RequestContext context) {
        URI endpoint = callbackUrl.orElseGet(() ->
                ManagementApiClients.endpointOf(context.getDomainName(), context.getStage()));
        return chats.computeIfAbsent(endpoint, this::chat);
    }

    private ChatServices chat(URI endpoint) {
        return ChatServices.builder()
                .connections(connections)
                .messages(messages)
                .pusher(pushers.apply(endpoint))
                .clock(clock)
                .ids(ids)
                .connectionTtl(connectionTtl)
                .build();
    }

    /** After a SnapStart restore: ids drawn from here on come from a freshly seeded random source. */
    void renewAfterRestore() {
        ids.renew();
    }

    TokenVerifier tokens() {
        return tokens;
    }

    public static final class Builder {
        private ConnectionStore connections;
        private MessageStore messages;
        private Function<URI, Pusher> pushers;
        private TokenVerifier tokens;
        private URI callbackUrl;
        private Clock clock = Clock.systemUTC();
        private Duration connectionTtl = ChatServices.DEFAULT_CONNECTION_TTL;

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

        /** A pusher for a callback endpoint; called once per endpoint. */
        public Builder pushers(Function<URI, Pusher> pushers) {
            this.pushers = pushers;
            return this;
        }

        public Builder tokens(TokenVerifier tokens) {
            this.tokens = tokens;
            return this;
        }

        /** Pushes go here instead of {@code https://{domainName}/{stage}} (custom domains, local runs). */
        public Builder callbackUrl(URI callbackUrl) {
            this.callbackUrl = callbackUrl;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder connectionTtl(Duration connectionTtl) {
            this.connectionTtl = connectionTtl;
            return this;
        }

        public Composition build() {
            return new Composition(this);
        }
    }
}
