package io.chatkit.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DomainValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "a#b", "MESSAGE#1", "USER#x", "a b", "tab\t", "ü", "a|b", "a\nb"})
    void ids_refuse_characters_that_could_step_into_another_key(String bad) {
        assertThatThrownBy(() -> UserId.of(bad)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("userId");
        assertThatThrownBy(() -> RoomId.of(bad)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ConnectionId.of(bad)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void ids_accept_api_gateway_connection_ids_and_cognito_subs() {
        assertThat(ConnectionId.of("L0SM9cOFvHcCIhw=").value()).isEqualTo("L0SM9cOFvHcCIhw=");
        assertThat(UserId.of("3f1c2a9e-6b7d-4c1e-9a0f-2d5e8b7c6a41").value()).hasSize(36);
        assertThat(UserId.of("alice@example.com").value()).contains("@");
    }

    @Test
    void ids_have_a_length_cap() {
        assertThat(UserId.of("a".repeat(128)).value()).hasSize(128);
        assertThatThrownBy(() -> UserId.of("a".repeat(129))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> UserId.of(null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void content_is_counted_in_code_points_so_an_emoji_counts_once() {
        assertThat(MessageContent.of("😀".repeat(5_000)).text()).hasSize(10_000);
        assertThat(MessageContent.of("a".repeat(5_000)).text()).hasSize(5_000);
        assertThatThrownBy(() -> MessageContent.of("😀".repeat(5_001))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("5001");
        assertThatThrownBy(() -> MessageContent.of("a".repeat(5_001))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void content_must_not_be_blank() {
        for (String blank : List.of("", " ", "\n\t ")) {
            assertThatThrownBy(() -> MessageContent.of(blank)).isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> MessageContent.of(null)).isInstanceOf(InvalidInputException.class);
        assertThat(MessageContent.stored("")).as("a message of files alone, as stored").isSameAs(MessageContent.EMPTY);
        assertThatThrownBy(() -> MessageContent.stored(" ")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_message_of_files_alone_is_previewed_by_its_first_files_name() {
        Message files = Message.fromUser(RoomId.of("r"), MessageId.of(java.time.Instant.EPOCH, "m"), UserId.of("a"),
                MessageContent.EMPTY, java.util.Optional.empty()).withAttachments(List.of(
                new Attachment(AttachmentId.of("f1"), "agenda.pdf", "application/pdf", 10),
                new Attachment(AttachmentId.of("f2"), "cat.png", "image/png", 20)));

        assertThat(files.preview()).isEqualTo("📎 agenda.pdf and 1 more");
        assertThat(files.erased(java.time.Instant.EPOCH).attachments()).as("a deleted message keeps none").isEmpty();
        assertThatThrownBy(() -> new Attachment(AttachmentId.of("f3"), "a/b.pdf", "application/pdf", 1))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Attachment(AttachmentId.of("f3"), "b.pdf", "Application/PDF", 1))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void html_is_kept_verbatim() {
        assertThat(MessageContent.of("<script>alert(1)</script>").text()).isEqualTo("<script>alert(1)</script>");
    }

    @Test
    void the_preview_never_splits_an_emoji() {
        String text = "a" + "😀".repeat(120);
        assertThat(MessageContent.of(text).preview()).isEqualTo("a" + "😀".repeat(99));
    }

    @Test
    void a_message_id_starts_with_its_fixed_width_time() {
        Instant at = Instant.parse("2024-02-28T16:00:00Z");
        MessageId id = MessageId.of(at, "abc");

        assertThat(id.value()).isEqualTo("1709136000000-abc");
        assertThat(id.timestamp()).isEqualTo(at);
        assertThat(MessageId.of(Instant.ofEpochMilli(5), "z").value()).isEqualTo("0000000000005-z");
        assertThat(MessageId.of(Instant.ofEpochMilli(5), "z")).isLessThan(MessageId.of(Instant.ofEpochMilli(40), "a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1709136000000", "1709136000000-", "1709136000000-a#b", "170913600000-a",
            "1709136000000-a"})
    void message_ids_from_outside_must_have_the_format(String candidate) {
        if (candidate.equals("1709136000000-a")) {
            assertThat(MessageId.of(candidate).value()).isEqualTo(candidate);
        } else {
            assertThatThrownBy(() -> MessageId.of(candidate)).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void room_type_follows_the_member_count() {
        assertThat(RoomType.forMemberCount(2)).isEqualTo(RoomType.DIRECT);
        assertThat(RoomType.forMemberCount(3)).isEqualTo(RoomType.GROUP);
        assertThat(RoomType.forMemberCount(50)).isEqualTo(RoomType.GROUP);
        for (int bad : new int[] {0, 1, 51}) {
            assertThatThrownBy(() -> RoomType.forMemberCount(bad)).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void a_message_is_always_read_by_its_sender_and_its_readers_cannot_be_changed_from_outside() {
        Message message = Message.fromUser(RoomId.of("r"), MessageId.of(Instant.EPOCH, "m"), UserId.of("alice"),
                MessageContent.of("hi"), java.util.Optional.empty());

        assertThat(message.readBy()).containsExactly(UserId.of("alice"));
        assertThatThrownBy(() -> message.readBy().add(UserId.of("bob"))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(message.readAlsoBy(UserId.of("bob")).readBy()).hasSize(2);
    }

    @Test
    void a_connection_expires() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Connection connection = new Connection(ConnectionId.of("c"), UserId.of("u"), t, t.plusSeconds(10));

        assertThat(connection.isLiveAt(t.plusSeconds(9))).isTrue();
        assertThat(connection.isLiveAt(t.plusSeconds(10))).isFalse();
    }
}
