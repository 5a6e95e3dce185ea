package io.chatkit.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** {@code --dynamodb-endpoint}: placeholder credentials only for a server on this machine. */
class DynamoDbEndpointTest {

    @Test
    void a_server_on_this_machine_takes_placeholder_credentials() {
        for (String local : new String[] {"http://127.0.0.1:8000", "http://localhost:4567", "http://[::1]:8000"}) {
            DynamoDbEndpoint endpoint = DynamoDbEndpoint.of(URI.create(local));

            assertThat(endpoint.isLocal()).as(local).isTrue();
            assertThat(endpoint.credentials()).as(local).isInstanceOf(StaticCredentialsProvider.class);
            assertThat(endpoint.region()).isEqualTo(Region.US_EAST_1);
        }
    }

    @Test
    void dynamodb_itself_takes_the_default_credential_chain_and_the_region_it_names() {
        DynamoDbEndpoint endpoint = DynamoDbEndpoint.of(URI.create("https://dynamodb.eu-west-1.amazonaws.com"));

        assertThat(endpoint.isLocal()).isFalse();
        assertThat(endpoint.credentials()).isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(endpoint.region()).isEqualTo(Region.EU_WEST_1);
        assertThat(DynamoDbEndpoint.of(URI.create("https://dynamodb-fips.us-gov-west-1.amazonaws.com")).region())
                .isEqualTo(Region.US_GOV_WEST_1);
    }
}
