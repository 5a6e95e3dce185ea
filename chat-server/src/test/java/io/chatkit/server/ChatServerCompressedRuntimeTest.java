package io.chatkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.testkit.websocket.ChatClient;
import org.junit.jupiter.api.Test;

/**
 * The runtime contract on the embedded server with clients that offer {@code permessage-deflate}, as browsers
 * and Node's {@code ws} do: the server accepts it, and every frame both ways is compressed.
 */
class ChatServerCompressedRuntimeTest extends ChatServerRuntimeTest {
    @Override
    protected ChatClient.Compression compression() {
        return ChatClient.Compression.PERMESSAGE_DEFLATE;
    }

    @Test
    void the_server_accepts_permessage_deflate() throws Exception {
        try (ChatClient alice = signIn("alice")) {
            assertThat(alice.negotiatedExtensions()).containsExactly("permessage-deflate");
        }
    }
}
