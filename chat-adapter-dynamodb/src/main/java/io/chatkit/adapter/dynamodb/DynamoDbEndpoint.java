package io.chatkit.adapter.dynamodb;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Where a runtime's {@code --dynamodb-endpoint} points, and the credentials and region that go with it: a server on
 * this machine (dynalite, or any DynamoDB-compatible server on loopback) takes fixed placeholder credentials, which it
 * ignores; anything else — DynamoDB itself ({@code https://dynamodb.eu-west-1.amazonaws.com}) or a server elsewhere —
 * takes the SDK's default credential chain (environment, profile, container or instance role), and the region the
 * endpoint names, else the default region chain's.
 */
public record DynamoDbEndpoint(URI uri) {
    private static final Pattern AWS_HOST = Pattern.compile("dynamodb(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");
    private static final StaticCredentialsProvider PLACEHOLDER =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    public static DynamoDbEndpoint of(URI uri) {
        return new DynamoDbEndpoint(uri);
    }

    /** Whether the endpoint is a server on this machine. */
    public boolean isLocal() {
        String host = uri.getHost();
        if (host == null || host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress()
                    && !AWS_HOST.matcher(host).matches();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public AwsCredentialsProvider credentials() {
        return isLocal() ? PLACEHOLDER : DefaultCredentialsProvider.builder().build();
    }

    /** The region the endpoint's name gives; for a local server any region does. */
    public Region region() {
        return namedRegion().orElseGet(() -> isLocal() ? Region.US_EAST_1
                : new DefaultAwsRegionProviderChain().getRegion());
    }

    private Optional<Region> namedRegion() {
        Matcher aws = AWS_HOST.matcher(Optional.ofNullable(uri.getHost()).orElse(""));
        return aws.matches() ? Optional.of(Region.of(aws.group(1))) : Optional.empty();
    }

    /** The builder pointed at the endpoint, with its credentials and region. */
    public DynamoDbClientBuilder configure(DynamoDbClientBuilder builder) {
        return builder.endpointOverride(uri).credentialsProvider(credentials()).region(region());
    }
}
