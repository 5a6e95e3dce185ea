package io.chatkit.bench;

import io.chatkit.adapter.apigw.ApiGatewayPusher;
import java.time.Duration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** The SDK's synchronous HTTP clients the functions could run on, as the bench compares them. */
enum HttpClients {
    /**
     * The JDK's {@code HttpURLConnection}: the fewest classes; idle connections kept per JVM by
     * {@code http.maxConnections} (raised to 64 by {@code ManagementApiClients}).
     */
    URL_CONNECTION {
        @Override
        SdkHttpClient forDynamoDb() {
            keepConnectionsAlive();
            return UrlConnectionHttpClient.create();
        }

        @Override
        SdkHttpClient forManagementApi(Duration attemptTimeout) {
            keepConnectionsAlive();
            return UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                    .socketTimeout(attemptTimeout).build();
        }
    },
    /** Apache HttpClient 5 with a pool of as many connections as the pusher keeps in flight. */
    APACHE5 {
        @Override
        SdkHttpClient forDynamoDb() {
            return Apache5HttpClient.builder().maxConnections(ApiGatewayPusher.DEFAULT_MAX_IN_FLIGHT).build();
        }

        @Override
        SdkHttpClient forManagementApi(Duration attemptTimeout) {
            return Apache5HttpClient.builder().maxConnections(ApiGatewayPusher.DEFAULT_MAX_IN_FLIGHT)
                    .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(attemptTimeout).build();
        }
    };

    /** As the product's {@code ManagementApiClients} does: read once, at the JVM's first HTTP request. */
    private static void keepConnectionsAlive() {
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(ApiGatewayPusher.DEFAULT_MAX_IN_FLIGHT));
        }
    }

    abstract SdkHttpClient forDynamoDb();

    abstract SdkHttpClient forManagementApi(Duration attemptTimeout);
}
