package io.chatkit.lambda;

import io.chatkit.auth.TokenVerifier;

import io.chatkit.lambda.telemetry.Telemetry;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent.RequestContext;
import io.chatkit.adapter.apigw.ManagementApiClients;
import io.chatkit.core.port.out.IdGenerator;
import io.chatkit.core.port.out.Pusher;
import io.chatkit.core.service.ChatServices;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the handler runs on: the chat (wired by {@link ChatServices#builder()}, given here with everything but
 * its pusher), a pusher per callback endpoint, and the token verifier. Built once per Lambda container (see
 * {@link LambdaComposition}); tests and the local runtime build it with other adapters.
 */
public final class Composition {
    private final ChatServices.Builder chat;
    private final Function<URI, Pusher> pushers;
    private final TokenVerifier tokens;
    private final Optional<URI> callbackUrl;
    private final Telemetry telemetry;
    private final RenewableIds ids = new RenewableIds();
    private final Map<URI, ChatServices> chats = new ConcurrentHashMap<>();

    private Composition(Builder builder) {
        this.chat = Objects.requireNonNull(builder.chat, "chat");
        this.pushers = Objects.requireNonNull(builder.pushers, "pushers");
        this.tokens = Objects.requireNonNull(builder.tokens, "tokens");
        this.callbackUrl = Optional.ofNullable(builder.callbackUrl);
        this.telemetry = builder.telemetry;
        chat.ids(ids).decorateTasks(Telemetry::carryInvocation);
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

    /** One stage's chat: the shared wiring with that stage's pusher. */
    private ChatServices chat(URI endpoint) {
        synchronized (chat) {
            return chat.pusher(Telemetry.countingFanOut(pushers.apply(endpoint))).build();
        }
    }

    /** The source room and message ids are drawn from. */
    IdGenerator ids() {
        return ids.source();
    }

    /** After a SnapStart restore: ids drawn from here on come from a freshly seeded random source. */
    void renewAfterRestore() {
        ids.renew();
    }

    TokenVerifier tokens() {
        return tokens;
    }

    Telemetry telemetry() {
        return telemetry;
    }

    public static final class Builder {
        private ChatServices.Builder chat;
        private Function<URI, Pusher> pushers;
        private TokenVerifier tokens;
        private URI callbackUrl;
        private Telemetry telemetry = Telemetry.silent();

        private Builder() {
        }

        /**
         * The chat's stores, executor, clock and connection lifetime. The pusher is set per endpoint (its fan-out
         * counted into the invocation's metrics), the ids are the composition's (renewed after a SnapStart restore),
         * and the chat's tasks carry their invocation: what the builder had for those is replaced.
         */
        public Builder chat(ChatServices.Builder chat) {
            this.chat = chat;
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

        /** Log lines and metrics of each invocation; {@link Telemetry#silent()} unless set. */
        public Builder telemetry(Telemetry telemetry) {
            this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
            return this;
        }

        public Composition build() {
            return new Composition(this);
        }
    }
}
