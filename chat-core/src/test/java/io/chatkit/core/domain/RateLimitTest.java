package io.chatkit.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private final RateLimit frames = RateLimit.perSecond("frames", 2, 20);
    private final Instant now = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void a_refused_use_waits_until_the_bucket_admits_it_again() {
        Instant stored = frames.afterUse(frames.afterUse(now, now), now);

        assertThat(frames.admits(stored, now)).isFalse();
        assertThat(frames.retryAfter(stored, now)).isEqualTo(Duration.ofMillis(50));
        assertThat(frames.admits(stored, now.plusMillis(50))).isTrue();
    }

    @Test
    void a_wait_of_less_than_a_millisecond_is_told_as_one_never_as_zero() {
        Instant stored = frames.afterUse(frames.afterUse(now, now), now);
        Instant almost = now.plusMillis(50).minusNanos(300_000);

        assertThat(frames.admits(stored, almost)).isFalse();
        assertThat(frames.retryAfter(stored, almost)).isEqualTo(Duration.ofMillis(1));
        assertThat(frames.retryAfter(stored, now.plusMillis(10).minusNanos(1))).isEqualTo(Duration.ofMillis(41));
    }
}
