package io.chatkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.testkit.websocket.ChatClient;
import org.junit.jupiter.api.Test;

/**
 * The runtime contract on the local API Gateway with clients that offer {@code permessage-deflate}, as browsers
 * and Node's {@code ws} do. The gateway declines the offer (API Gateway's documentation does not say it
 * negotiates compression), so its frame and message limits stay measured on what the client sends.
 */
class LocalChatCompressedRuntimeTest extends LocalChatRuntimeTest {
    @Override
    protected ChatClient.Compression compression() {
        return ChatClient.Compression.PERMESSAGE_DEFLATE;
    }

    @Test
    void the_gateway_declines_permessage_deflate_and_the_client_talks_uncompressed() throws Exception {
        try (ChatClient alice = signIn("alice")) {
            assertThat(alice.negotiatedExtensions()).isEmpty();
            assertThat(alice.request("{\"action\":\"listRooms\"}").path("type").asText()).isEqualTo("rooms");
        }
    }
}
