package io.chatkit.lambda;

import io.chatkit.auth.TokenVerifier;
import io.chatkit.auth.JwtVerifier;
import io.chatkit.auth.LazyTokenVerifier;

import io.chatkit.protocol.ChatProtocol;
import io.chatkit.adapter.apigw.ApiGatewayPusher;
import io.chatkit.adapter.apigw.ManagementApiClients;
import io.chatkit.adapter.dynamodb.DynamoDbConnectionStore;
import io.chatkit.adapter.s3.S3BlobStore;
import io.chatkit.core.port.out.BlobStore;
import io.chatkit.adapter.dynamodb.DynamoDbCalls;
import io.chatkit.adapter.dynamodb.DynamoDbMessageStore;
import io.chatkit.adapter.dynamodb.DynamoDbRateLimitStore;
import io.chatkit.core.service.AttachmentRules;
import io.chatkit.core.service.ChatLimits;
import io.chatkit.lambda.telemetry.Telemetry;
import io.chatkit.core.service.ChatServices;
import io.chatkit.core.service.ChatThreads;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The AWS composition, built once per Lambda container from the environment:
 *
 * <table>
 *   <caption>Environment</caption>
 *   <tr><td>{@code TABLE_NAME}</td><td>required: the chat's DynamoDB table</td></tr>
 *   <tr><td>{@code USER_POOL_ID}, {@code CLIENT_ID}</td><td>required on {@code $connect}: the Cognito pool and app client</td></tr>
 *   <tr><td>{@code AWS_REGION}</td><td>set by Lambda</td></tr>
 *   <tr><td>{@code CONNECTION_TTL_HOURS}</td><td>optional, default 24</td></tr>
 *   <tr><td>{@code CALLBACK_URL}</td><td>optional: the {@code @connections} endpoint, when a custom domain hides it</td></tr>
 *   <tr><td>{@code LIMIT_FRAMES_BURST}, {@code LIMIT_FRAMES_PER_SECOND}</td><td>optional, default 60 and 20: the
 *   frames one user may send at once, and the rate they refill at</td></tr>
 *   <tr><td>{@code LIMIT_ROOM_CHANGES_PER_HOUR}</td><td>optional, default 30: {@code createRoom} and
 *   {@code addMembers} per user</td></tr>
 *   <tr><td>{@code LIMIT_CONNECTIONS_PER_USER}</td><td>optional, default 10: one more {@code $connect} gets 429</td></tr>
 *   <tr><td>{@code LIMIT_ROOMS_PER_USER}</td><td>optional, default 1,000: the rooms a user may belong to; one more
 *   is refused with {@code TOO_MANY_ROOMS}</td></tr>
 *   <tr><td>{@code LIMIT_CONNECTS_BURST}, {@code LIMIT_CONNECTS_PER_MINUTE}</td><td>optional, default 20 and 20:
 *   the connects one user may make at once, and the rate they refill at; one more gets 429</td></tr>
 *   <tr><td>{@code LIMIT_REFUSALS_IN_A_ROW}</td><td>optional, default 20: refused frames (invalid, or beyond the allowance) of one connection in a row
 *   before it is closed ({@code TOO_MANY_REFUSALS})</td></tr>
 *   <tr><td>{@code LIMIT_MESSAGE_CHANGES_PER_HOUR}</td><td>optional, default 60: {@code editMessage} and
 *   {@code deleteMessage} per user</td></tr>
 *   <tr><td>{@code METRICS_NAMESPACE}</td><td>optional, default {@code Chatkit}: where the EMF metrics go</td></tr>
 *   <tr><td>{@code AWS_LAMBDA_LOG_LEVEL}</td><td>set by Lambda from the function's application log level</td></tr>
 *   <tr><td>{@code DYNAMODB_ENDPOINT}</td><td>optional: a local DynamoDB-compatible server</td></tr>
 *   <tr><td>{@code JWT_ISSUER}, {@code JWKS_URL}</td><td>optional, local runs only: another issuer than the Cognito pool</td></tr>
 * </table>
 */
public final class LambdaComposition {
    private LambdaComposition() {
    }

    /** The runtime's entry: installs Lambda's logging, then composes the chat from the function's environment. */
    public static Composition fromEnvironment() {
        Telemetry.installLambdaLogging(System.getenv());
        return fromEnvironment(System.getenv());
    }

    static Composition fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, new DynamoDbCalls());
    }

    /** {@link #fromEnvironment(Map)}, counting the DynamoDB client's calls in {@code dynamoDbCalls}. */
    static Composition fromEnvironment(Map<String, String> env, DynamoDbCalls dynamoDbCalls) {
        String table = required(env, "TABLE_NAME");
        Region region = Region.of(env.getOrDefault("AWS_REGION", "us-east-1"));
        // one bounded executor for the stores, the pusher and the services of this container
        ExecutorService executor = ChatThreads.bounded(ChatThreads.DEFAULT_MAX_THREADS);
        AwsCredentialsProvider credentials = credentials(env);
        DynamoDbClientBuilder dynamoDb = DynamoDbClient.builder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(dynamoDbCalls))
                .region(region)
                .credentialsProvider(credentials)
                // pooled: the stores' concurrent requests keep their connections between sends
                .httpClient(Apache5HttpClient.builder().maxConnections(ChatThreads.DEFAULT_MAX_THREADS).build());
        Optional.ofNullable(env.get("DYNAMODB_ENDPOINT")).map(URI::create).ifPresent(dynamoDb::endpointOverride);
        // Cold start: the SDK clients and the JSON protocol load their classes side by side.
        CompletableFuture<DynamoDbClient> building = CompletableFuture.supplyAsync(dynamoDb::build, executor);
        ManagementApiClients managementApi = new ManagementApiClients(region, credentials);
        Optional<URI> callbackUrl = Optional.ofNullable(env.get("CALLBACK_URL")).map(URI::create);
        callbackUrl.ifPresent(managementApi::clientFor);
        ChatProtocol.warmUp();
        DynamoDbClient client = building.join();
        ChatServices.Builder chat = ChatServices.builder()
                .connections(new DynamoDbConnectionStore(client, table, executor))
                .messages(new DynamoDbMessageStore(client, table, executor))
                .rateLimits(new DynamoDbRateLimitStore(client, table, executor))
                .limits(limits(env))
                .executor(executor)
                .connectionTtl(Duration.ofHours(Long.parseLong(env.getOrDefault("CONNECTION_TTL_HOURS", "24"))));
        attachments(env, region, credentials).ifPresent(chat::blobStore);
        chat.attachmentRules(attachmentRules(env));
        return Composition.builder()
                .chat(chat)
                .pushers(ApiGatewayPusher.perEndpoint(managementApi, ChatProtocol::encode, executor))
                .tokens(tokenVerifier(env))
                .callbackUrl(callbackUrl.orElse(null))
                .telemetry(Telemetry.lambda(env).countingStoreCalls(() -> {
                    DynamoDbCalls.Counts counts = dynamoDbCalls.counts();
                    return new Telemetry.StoreCalls(counts.retries(), counts.throttled());
                }))
                .build();
    }

    /**
     * With {@code ATTACHMENTS_BUCKET}: attachments' files in that bucket ({@code S3_ENDPOINT}: an S3-compatible server
     * instead, addressed path-style). Without it, uploads are refused with a clear message.
     */
    static Optional<BlobStore> attachments(Map<String, String> env, Region region,
                                           AwsCredentialsProvider credentials) {
        String bucket = env.get("ATTACHMENTS_BUCKET");
        if (bucket == null) {
            return Optional.empty();
        }
        Optional<URI> endpoint = Optional.ofNullable(env.get("S3_ENDPOINT")).map(URI::create);
        S3Configuration addressing = S3Configuration.builder().pathStyleAccessEnabled(endpoint.isPresent()).build();
        S3ClientBuilder s3 = S3Client.builder().region(region).credentialsProvider(credentials)
                .serviceConfiguration(addressing)
                .httpClient(Apache5HttpClient.builder().maxConnections(ChatThreads.DEFAULT_MAX_THREADS).build());
        S3Presigner.Builder presigner = S3Presigner.builder().region(region).credentialsProvider(credentials)
                .serviceConfiguration(addressing);
        endpoint.ifPresent(url -> {
            s3.endpointOverride(url);
            presigner.endpointOverride(url);
        });
        return Optional.of(new S3BlobStore(s3.build(), presigner.build(), bucket, java.time.Clock.systemUTC()));
    }

    /** On Lambda the function's credentials are in the environment: skip the rest of the default chain. */
    private static AwsCredentialsProvider credentials(Map<String, String> env) {
        if (env.containsKey("AWS_ACCESS_KEY_ID") && env.containsKey("AWS_SECRET_ACCESS_KEY")) {
            return EnvironmentVariableCredentialsProvider.create();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** The token verifier the environment configures, built when it first verifies (see {@link #verifier}). */
    static TokenVerifier tokenVerifier(Map<String, String> env) {
        Region region = Region.of(env.getOrDefault("AWS_REGION", "us-east-1"));
        return new LazyTokenVerifier(() -> verifier(env, region));
    }

    private static TokenVerifier verifier(Map<String, String> env, Region region) {
        String issuer = env.get("JWT_ISSUER");
        if (issuer == null) {
            return JwtVerifier.forUserPool(region.id(), required(env, "USER_POOL_ID"), required(env, "CLIENT_ID"));
        }
        String jwks = env.getOrDefault("JWKS_URL", issuer + "/.well-known/jwks.json");
        try {
            return JwtVerifier.cognito(issuer, URI.create(jwks).toURL(), required(env, "CLIENT_ID"));
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException("JWKS_URL is not a URL: " + jwks, e);
        }
    }

    /** {@link ChatLimits#DEFAULTS}, with what the environment sets instead. */
    static ChatLimits limits(Map<String, String> env) {
        ChatLimits defaults = ChatLimits.DEFAULTS;
        return defaults
                .withFrames(positive(env, "LIMIT_FRAMES_BURST", defaults.frames().burst()),
                        positive(env, "LIMIT_FRAMES_PER_SECOND",
                                (int) (1000 / defaults.frames().interval().toMillis())))
                .withRoomChangesPerHour(positive(env, "LIMIT_ROOM_CHANGES_PER_HOUR", defaults.roomChanges().burst()))
                .withConnectionsPerUser(positive(env, "LIMIT_CONNECTIONS_PER_USER", defaults.connectionsPerUser()))
                .withRoomsPerUser(positive(env, "LIMIT_ROOMS_PER_USER", defaults.roomsPerUser()))
                .withConnectsPerMinute(positive(env, "LIMIT_CONNECTS_BURST", defaults.connects().burst()),
                        positive(env, "LIMIT_CONNECTS_PER_MINUTE",
                                (int) (60_000 / defaults.connects().interval().toMillis())))
                .withRefusalsInARow(positive(env, "LIMIT_REFUSALS_IN_A_ROW", defaults.refusalsInARow()))
                .withMessageChangesPerHour(positive(env, "LIMIT_MESSAGE_CHANGES_PER_HOUR",
                        defaults.messageChanges().burst()));
    }

    /** {@link AttachmentRules#DEFAULTS}, with the limits the environment sets instead. */
    static AttachmentRules attachmentRules(Map<String, String> env) {
        AttachmentRules defaults = AttachmentRules.DEFAULTS;
        try {
            return defaults.withLimits(
                    positive(env, "ATTACHMENT_MAX_MB", (int) (defaults.maxFileBytes() / AttachmentRules.MEGABYTE)),
                    positive(env, "LIMIT_UPLOADS_PER_HOUR", defaults.uploads().burst()),
                    positive(env, "LIMIT_UPLOAD_MB_PER_HOUR", defaults.uploadMegabytes().burst()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ATTACHMENT_MAX_MB and LIMIT_UPLOAD_MB_PER_HOUR: " + e.getMessage(), e);
        }
    }

    private static int positive(Map<String, String> env, String name, int otherwise) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException("environment variable " + name + " must be a whole number from 1: " + value);
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
