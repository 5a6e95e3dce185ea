package io.chatkit.testkit.contract;

import static io.chatkit.testkit.fixtures.Fixtures.T0;
import static io.chatkit.testkit.fixtures.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.Attachment;
import io.chatkit.core.domain.AttachmentId;
import io.chatkit.core.domain.Message;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link MessageStoreContract}, the files sent: each taken by one send only. */
public abstract class AttachmentClaimsContract extends ConcurrentWritersContract {

    private static AttachmentId newAttachment() {
        return AttachmentId.of("att-" + UUID.randomUUID());
    }

    @Test
    void a_file_is_taken_by_one_send_which_may_take_it_again_and_no_other() {
        AttachmentId agenda = newAttachment();

        assertThat(store.attachmentClaims().take(room.id(), agenda, "send-1")).isTrue();
        assertThat(store.attachmentClaims().take(room.id(), agenda, "send-1")).as("a retry of the same send").isTrue();
        assertThat(store.attachmentClaims().take(room.id(), agenda, "send-2")).as("another send").isFalse();
        assertThat(store.attachmentClaims().take(newRoom(alice, bob).id(), agenda, "send-2"))
                .as("the same id in another room is another file").isTrue();
    }

    @Test
    void a_file_is_given_back_only_by_the_send_that_took_it() {
        AttachmentId agenda = newAttachment();
        store.attachmentClaims().take(room.id(), agenda, "send-1");

        store.attachmentClaims().release(room.id(), agenda, "send-2");
        assertThat(store.attachmentClaims().take(room.id(), agenda, "send-2")).as("still send-1's").isFalse();
        store.attachmentClaims().release(room.id(), agenda, "send-1");
        assertThat(store.attachmentClaims().take(room.id(), agenda, "send-2")).as("given back").isTrue();
        store.attachmentClaims().release(room.id(), newAttachment(), "send-1");
    }

    @Test
    void a_message_keeps_its_files_facts_and_a_deleted_one_keeps_none() {
        Attachment agenda = new Attachment(newAttachment(), "agenda (v2).pdf", "application/pdf", 48_213);
        Attachment photo = new Attachment(newAttachment(), "été.jpg", "image/jpeg", 1_024_000);
        Message sent = message(room, alice, T0.plusSeconds(1), "the files").withAttachments(List.of(agenda, photo));
        posting.post(room, sent);

        assertThat(store.log().find(room.id(), sent.id()).orElseThrow().message().attachments())
                .containsExactly(agenda, photo);
        store.log().erase(sent.erased(T0.plusSeconds(2)), 1);
        assertThat(store.log().find(room.id(), sent.id()).orElseThrow().message().attachments()).isEmpty();
    }

    @Test
    void of_twenty_sends_racing_for_one_file_exactly_one_takes_it() {
        AttachmentId agenda = newAttachment();

        List<CompletableFuture<Boolean>> racing = IntStream.range(0, 20)
                .mapToObj(n -> CompletableFuture.supplyAsync(
                        () -> store.attachmentClaims().take(room.id(), agenda, "send-" + n), SIDE_BY_SIDE))
                .toList();

        assertThat(racing.stream().map(CompletableFuture::join).filter(Boolean::booleanValue)).hasSize(1);
    }
}
