package io.matterflow.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * SMTP through Spring Mail when a mail server is configured ({@code spring.mail.host}, which is what makes Spring
 * Boot create a {@link JavaMailSender}); otherwise, as on the embedded default, every email is written to the log
 * (logger {@code io.matterflow.notification.email}) and counts as sent, so nothing is silently lost.
 */
@Configuration(proxyBeanMethods = false)
class EmailChannels {

    @Bean
    EmailChannel emailChannel(ObjectProvider<JavaMailSender> mailSender, NotificationProperties properties) {
        JavaMailSender sender = mailSender.getIfAvailable();
        return sender == null ? new LogChannel() : new SmtpChannel(sender, properties.from());
    }

    static final class SmtpChannel implements EmailChannel {

        private final JavaMailSender sender;
        private final String from;

        SmtpChannel(JavaMailSender sender, String from) {
            this.sender = sender;
            this.from = from;
        }

        @Override
        public void send(Email email) {
            var message = new SimpleMailMessage();
            message.setFrom(from);
            message.setTo(email.to());
            message.setSubject(email.subject());
            message.setText(email.text());
            sender.send(message);
        }

        @Override
        public String name() {
            return "smtp";
        }
    }

    static final class LogChannel implements EmailChannel {

        private static final Logger log = LoggerFactory.getLogger("io.matterflow.notification.email");

        @Override
        public void send(Email email) {
            log.info("Email (no SMTP server configured, so logged instead) to {}: {}\n{}", email.to(), email.subject(),
                    email.text());
        }

        @Override
        public String name() {
            return "log";
        }
    }
}
