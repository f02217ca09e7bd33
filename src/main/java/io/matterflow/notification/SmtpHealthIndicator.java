package io.matterflow.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * The {@code smtp} health component: whether the mail server takes a connection now. A mail server that does not is
 * {@link #UNREACHABLE}, not DOWN: emails wait in the outbox and go out once it is back, so the node still serves (the
 * status order puts UNREACHABLE below UP, so the overall health stays UP, and readiness never includes it). Boot's own
 * {@code mail} component is off ({@code management.health.mail.enabled=false}): it would report DOWN. A result is
 * kept for {@link #KEEP}, so that frequent health checks do not open a connection each. Without a mail server (the
 * embedded default) emails are written to the log and the component is UP.
 */
@Component
class SmtpHealthIndicator implements HealthIndicator {

    /** The status of a mail server that takes no connection; see the class comment. */
    static final Status UNREACHABLE = new Status("UNREACHABLE", "The mail server takes no connection; emails wait");
    static final Duration KEEP = Duration.ofSeconds(30);

    private final ObjectProvider<JavaMailSender> mailSender;
    private final Clock clock;
    private volatile Health last;
    private volatile Instant checkedAt = Instant.MIN;

    SmtpHealthIndicator(ObjectProvider<JavaMailSender> mailSender, Clock clock) {
        this.mailSender = mailSender;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        Health kept = last;
        if (kept != null && checkedAt.plus(KEEP).isAfter(now)) {
            return kept;
        }
        Health health = check();
        last = health;
        checkedAt = now;
        return health;
    }

    /** Checks now, whatever was kept. */
    Health check() {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            return Health.up().withDetail("channel", "log (no spring.mail.host)").build();
        }
        if (!(sender instanceof JavaMailSenderImpl impl)) {
            return Health.unknown().withDetail("channel", sender.getClass().getSimpleName()).build();
        }
        var builder = Health.up().withDetail("host", String.valueOf(impl.getHost()))
                .withDetail("port", impl.getPort());
        try {
            impl.testConnection();
            return builder.build();
        } catch (Exception e) {
            return builder.status(UNREACHABLE).withDetail("error", e.getClass().getSimpleName() + ": "
                    + e.getMessage()).build();
        }
    }
}
