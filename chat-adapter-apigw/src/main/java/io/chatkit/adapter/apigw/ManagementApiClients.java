package io.chatkit.adapter.apigw;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * One Management API client per endpoint ({@code https://{domainName}/{stage}}), built on first use
 * and reused for the life of the process. Clients share one pooled HTTP client (Apache HttpClient 5, as many
 * connections kept as the pusher has posts in flight, so a fan-out reuses them: on AWS each new one is a TLS
 * handshake), time out a push that hangs, and retry throttling (429) and 5xx a bounded number of times with
 * backoff.
 */
public final class ManagementApiClients implements AutoCloseable {
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);
    public static final int MAX_ATTEMPTS = 3;

    private final Map<URI, ApiGatewayManagementApiClient> clients = new ConcurrentHashMap<>();
    private final Function<URI, ApiGatewayManagementApiClient> factory;
    private final SdkHttpClient httpClient;

    public ManagementApiClients(Region region, AwsCredentialsProvider credentials) {
        this(region, credentials, ATTEMPT_TIMEOUT);
    }

    public ManagementApiClients(Region region, AwsCredentialsProvider credentials, Duration attemptTimeout) {
        this(region, credentials, pooledClient(attemptTimeout), attemptTimeout);
    }

    /** With an HTTP client of the caller's, closed with these clients. */
    public ManagementApiClients(Region region, AwsCredentialsProvider credentials, SdkHttpClient httpClient,
                                Duration attemptTimeout) {
        this.httpClient = httpClient;
        this.factory = endpoint -> ApiGatewayManagementApiClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(httpClient)
                .overrideConfiguration(o -> o
                        .retryStrategy(RetryMode.STANDARD)
                        .retryStrategy(b -> b.maxAttempts(MAX_ATTEMPTS))
                        .apiCallAttemptTimeout(attemptTimeout)
                        .apiCallTimeout(CALL_TIMEOUT.plus(attemptTimeout)))
                .build();
    }

    /** Keeps as many connections as the pusher has posts in flight: a steady fan-out opens none. */
    private static SdkHttpClient pooledClient(Duration attemptTimeout) {
        return Apache5HttpClient.builder()
                .maxConnections(ApiGatewayPusher.DEFAULT_MAX_IN_FLIGHT)
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(attemptTimeout)
                .build();
    }

    /** For Lambda: region from {@code AWS_REGION}, the default credentials chain. */
    public static ManagementApiClients fromEnvironment() {
        String region = System.getenv().getOrDefault("AWS_REGION", "us-east-1");
        return new ManagementApiClients(Region.of(region), DefaultCredentialsProvider.builder().build());
    }

    public ApiGatewayManagementApiClient clientFor(URI endpoint) {
        return clients.computeIfAbsent(endpoint, factory);
    }

    /** The callback endpoint of a WebSocket stage as API Gateway names it in every event. */
    public static URI endpointOf(String domainName, String stage) {
        return URI.create("https://" + domainName + "/" + stage);
    }

    @Override
    public void close() {
        clients.values().forEach(ApiGatewayManagementApiClient::close);
        httpClient.close();
    }
}
