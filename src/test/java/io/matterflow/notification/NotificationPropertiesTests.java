package io.matterflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class NotificationPropertiesTests {

    @Test
    void shouldDefaultToFiveEmailsPerFifteenMinutesAndPollEverySecond() {
        var properties = new NotificationProperties(null, null, null, null, null, null, null, null, null);
        assertThat(properties.throttle().maxEmails()).isEqualTo(5);
        assertThat(properties.throttle().window()).isEqualTo(Duration.ofMinutes(15));
        assertThat(properties.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.senderEnabled()).isTrue();
        assertThat(properties.retry().maxAttempts()).isEqualTo(10);
    }

    @Test
    void shouldDoubleTheBackoffPerFailedAttemptUpToItsCap() {
        var retry = new NotificationProperties.Retry(Duration.ofSeconds(10), Duration.ofMinutes(30), 10);
        assertThat(IntStream.rangeClosed(1, 10).mapToObj(retry::backoffAfter).map(Duration::toSeconds).toList())
                .containsExactly(10L, 20L, 40L, 80L, 160L, 320L, 640L, 1280L, 1800L, 1800L);
    }

    @Test
    void shouldRefuseSettingsThatCannotWork() {
        assertThatThrownBy(() -> new NotificationProperties.Throttle(0, null))
                .hasMessageContaining("throttle.max-emails");
        assertThatThrownBy(() -> new NotificationProperties.Throttle(5, Duration.ZERO))
                .hasMessageContaining("throttle.window");
        assertThatThrownBy(() -> new NotificationProperties.Retry(Duration.ofMinutes(5), Duration.ofSeconds(1), 3))
                .hasMessageContaining("max-backoff");
    }
}
