package io.matterflow.people;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.matterflow.common.ConflictException;
import io.matterflow.directory.Emails;

/**
 * The first start of an installation: when no user exists and {@code matterflow.bootstrap.organization} and
 * {@code matterflow.bootstrap.admin-email} are set (under any profile), creates the firm and its first admin, without
 * a password, and a one-time link for the admin to choose one: emailed when an SMTP server is configured, otherwise
 * written once to the log as one WARN line. Does nothing once a user exists. Several nodes starting at once create
 * one admin: the email is unique, and the node that loses the race rolls its whole attempt back.
 */
@Component
class FirstRun implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstRun.class);

    private final BootstrapProperties properties;
    private final People people;
    private final TransactionTemplate transactions;

    FirstRun(BootstrapProperties properties, People people, PlatformTransactionManager transactionManager) {
        this.properties = properties;
        this.people = people;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.configured()) {
            if (!people.anyUser()) {
                log.warn("No user exists, so nobody can sign in: set MATTERFLOW_BOOTSTRAP_ORGANIZATION and"
                        + " MATTERFLOW_BOOTSTRAP_ADMIN_EMAIL and start again to create the firm and its first admin");
            }
            return;
        }
        String email = Emails.canonical(properties.adminEmail());
        if (email.length() > Emails.MAX_LENGTH || email.indexOf('@') < 1 || email.indexOf('@') == email.length() - 1) {
            throw new IllegalStateException("matterflow.bootstrap.admin-email is not an email address");
        }
        Optional<OneTimeLinks.Issued> link;
        try {
            link = transactions.execute(status -> people.bootstrap(properties.organization(), email,
                    properties.adminName()));
        } catch (DataIntegrityViolationException | ConflictException e) {
            log.info("First run: another node created the first admin at the same time");
            return;
        }
        if (link == null || link.isEmpty()) {
            log.debug("First run: users exist, so matterflow.bootstrap.* is ignored");
            return;
        }
        if (people.emailsViaSmtp()) {
            log.info("First run: created the firm \"{}\" and its admin {}; the link to choose a password was emailed"
                    + " (valid until {})", properties.organization(), email, link.get().expiresAt());
        } else {
            log.warn("FIRST RUN: created the firm \"{}\" and its admin {}. No SMTP server is configured, so here is"
                    + " the admin's one-time link to choose a password, valid until {} and shown only this once: {}",
                    properties.organization(), email, link.get().expiresAt(), people.url(link.get()));
        }
    }
}
