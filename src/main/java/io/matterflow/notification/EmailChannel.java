package io.matterflow.notification;

/** Where emails go: SMTP when {@code spring.mail.host} is set, else the log. */
interface EmailChannel {

    /** A plain-text email. */
    record Email(String to, String subject, String text) {
    }

    /** Sends the email, or throws when it could not be handed over. */
    void send(Email email);

    /** For the log: "smtp" or "log". */
    String name();
}
