package io.matterflow.people;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.matterflow.access.LoginThrottle;
import io.matterflow.access.LogText;
import io.matterflow.access.Sessions;
import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditRecord;
import io.matterflow.common.ConflictException;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.NotFoundException;
import io.matterflow.common.RateLimitedException;
import io.matterflow.common.ValidationException;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.Person;
import io.matterflow.directory.Role;
import io.matterflow.directory.UserAccount;
import io.matterflow.notification.AccountEmails;
import io.matterflow.notification.NotificationProperties;

/**
 * People administration, each change audited in its transaction (entity {@code USER}, one stream per person):
 * <ul>
 * <li>admins invite staff and clients ({@link #invite}), send an invitation again, change a role, deactivate and
 * reactivate ({@link #update});</li>
 * <li>whoever holds a one-time link chooses a password with it ({@link #setPassword});</li>
 * <li>"Forgot password" sends a reset link ({@link #requestReset}), saying nothing about whether the email exists;</li>
 * <li>everyone changes their own password with the current one ({@link #changeOwnPassword}).</li>
 * </ul>
 * Links go out as account emails through the notification outbox, after commit.
 */
@Service
@Transactional
public class People {

    private static final Logger log = LoggerFactory.getLogger(People.class);
    /** One @, something on each side, a dot in the domain, no white space or markup characters. */
    private static final java.util.regex.Pattern EMAIL =
            java.util.regex.Pattern.compile("[^@\\s<>()\\[\\],;:\"]+@[^@\\s<>()\\[\\],;:\"]+\\.[^@\\s<>()\\[\\],;:\"]+");

    private final Directory directory;
    private final OneTimeLinks links;
    private final PasswordPolicy policy;
    private final AccountEmails emails;
    private final AuditLog audit;
    private final LoginThrottle throttle;
    private final ResetRequestThrottle resetThrottle;
    private final Sessions sessions;
    private final PeopleProperties properties;
    private final String baseUrl;

    People(Directory directory, OneTimeLinks links, PasswordPolicy policy, AccountEmails emails, AuditLog audit,
           LoginThrottle throttle, ResetRequestThrottle resetThrottle, Sessions sessions, PeopleProperties properties,
           NotificationProperties notifications) {
        this.directory = directory;
        this.links = links;
        this.policy = policy;
        this.emails = emails;
        this.audit = audit;
        this.throttle = throttle;
        this.resetThrottle = resetThrottle;
        this.sessions = sessions;
        this.properties = properties;
        this.baseUrl = notifications.baseUrl();
    }

    /** A usable link as the set-password page shows it. */
    record LinkInfo(OneTimeLinks.Purpose purpose, String email, String displayName, Instant expiresAt) {
    }

    /** The firm's people, for its admins. */
    @Transactional(readOnly = true)
    public List<PersonDetails> list(Actor actor) {
        requireAdmin(actor);
        return directory.people(actor.orgId()).stream().map(this::details).toList();
    }

    @Transactional(readOnly = true)
    public PersonDetails get(Actor actor, UUID userId) {
        requireAdmin(actor);
        return details(person(actor, userId));
    }

    /**
     * Invites a person: an account without a password, and an email with a link to choose one (single use, valid
     * for {@code matterflow.people.invitation-ttl}). The email must be free (409).
     */
    public PersonDetails invite(Actor actor, String email, String displayName, Role role) {
        requireAdmin(actor);
        List<io.matterflow.common.FieldError> errors = new java.util.ArrayList<>();
        if (email == null || !EMAIL.matcher(email.strip()).matches()) {
            errors.add(new io.matterflow.common.FieldError("email", "must be an email address"));
        }
        if (displayName == null || displayName.isBlank() || displayName.strip().length() > 200) {
            errors.add(new io.matterflow.common.FieldError("displayName", "must have 1 to 200 characters"));
        }
        if (role == null) {
            errors.add(new io.matterflow.common.FieldError("role", "must be ADMIN, LAWYER, PARALEGAL or CLIENT"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Invalid invitation", errors);
        }
        UserAccount user = directory.inviteUser(actor.orgId(), email.strip(), displayName.strip(), role);
        OneTimeLinks.Issued link = links.issue(actor.orgId(), user.id(), OneTimeLinks.Purpose.INVITATION,
                actor.userId(), properties.invitationTtl());
        sendInvitation(user, link, actor.name());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("email", user.email());
        metadata.put("displayName", user.displayName());
        metadata.put("role", role.name());
        metadata.put("invitationExpiresAt", link.expiresAt().toString());
        audit.append(new AuditRecord(actor.orgId(), user.id(), actor, "user.invite", "USER", user.id(), null,
                Person.Status.INVITED.name(), metadata));
        return PersonDetails.of(directory.findPerson(actor.orgId(), user.id()).orElseThrow(), link.expiresAt());
    }

    /** A new invitation link for a person who has not chosen a password yet; earlier links stop working. */
    public PersonDetails resendInvitation(Actor actor, UUID userId) {
        requireAdmin(actor);
        Person person = person(actor, userId);
        if (person.status() != Person.Status.INVITED) {
            throw new ConflictException("Not invited", person.status() == Person.Status.ACTIVE
                    ? "this person has chosen a password already; they can use \"Forgot password\""
                    : "this person is deactivated; reactivate them first");
        }
        revokeLinks(userId, OneTimeLinks.Purpose.INVITATION);
        OneTimeLinks.Issued link = links.issue(actor.orgId(), userId, OneTimeLinks.Purpose.INVITATION,
                actor.userId(), properties.invitationTtl());
        sendInvitation(directory.findUser(userId).orElseThrow(), link, actor.name());
        audit.append(new AuditRecord(actor.orgId(), userId, actor, "user.invitation-resend", "USER", userId,
                Person.Status.INVITED.name(), Person.Status.INVITED.name(),
                Map.of("invitationExpiresAt", link.expiresAt().toString())));
        return PersonDetails.of(person, link.expiresAt());
    }

    /**
     * Changes a person's role and/or active state. An admin changes neither of their own (409: another admin must),
     * which also keeps an active admin in every firm. Deactivation ends the person's sessions and API tokens and
     * releases their claimed and started steps in this transaction; their pending links stop working.
     */
    public PersonDetails update(Actor actor, UUID userId, Role role, Boolean active) {
        requireAdmin(actor);
        Person person = person(actor, userId);
        boolean roleChange = role != null && role != person.role();
        boolean activeChange = active != null && active != person.active();
        if (actor.userId().equals(userId) && (roleChange || (activeChange && !active))) {
            throw new ConflictException("Your own account", "admins cannot change their own role or deactivate"
                    + " themselves; another admin can");
        }
        if (roleChange) {
            directory.changeRole(actor.orgId(), userId, role, actor.userId());
            audit.append(new AuditRecord(actor.orgId(), userId, actor, "user.role", "USER", userId,
                    person.role().name(), role.name(), Map.of("email", person.email())));
        }
        if (activeChange) {
            Person before = directory.findPerson(actor.orgId(), userId).orElseThrow();
            // empty when a concurrent request made the same change first: nothing more to do or record
            directory.setActive(actor.orgId(), userId, active, actor.userId()).ifPresent(after -> {
                if (!active) {
                    revokeLinks(userId, null);
                }
                audit.append(new AuditRecord(actor.orgId(), userId, actor,
                        active ? "user.reactivate" : "user.deactivate", "USER", userId, before.status().name(),
                        after.status().name(), Map.of("email", person.email())));
            });
        }
        return details(directory.findPerson(actor.orgId(), userId).orElseThrow());
    }

    /** What a usable link is for, for the set-password page; empty when it is unknown, used, revoked or expired. */
    @Transactional(readOnly = true)
    public Optional<LinkInfo> describe(String secret) {
        return links.find(secret).flatMap(link -> directory.findUser(link.userId()).filter(UserAccount::active)
                .map(user -> new LinkInfo(link.purpose(), user.email(), user.displayName(), link.expiresAt())));
    }

    /**
     * Sets the password of the link's person and uses the link up; their other pending links stop working, their
     * sessions end and the email's sign-in lockout is lifted. An unusable link is a 400 naming {@code token}.
     */
    public LinkInfo setPassword(String secret, String password) {
        OneTimeLinks.Link link = links.lock(secret).orElseThrow(PeopleErrors::unusableLink);
        UserAccount user = directory.findUser(link.userId()).filter(UserAccount::active)
                .orElseThrow(PeopleErrors::unusableLink);
        policy.check(password, user.email(), "password");
        Person before = directory.findPerson(user.orgId(), user.id()).orElseThrow();
        directory.setPassword(user.id(), password);
        links.markUsed(link.id());
        revokeLinks(user.id(), null);
        sessions.endAll(user.id());
        throttle.succeeded(user.email());
        boolean invitation = link.purpose() == OneTimeLinks.Purpose.INVITATION;
        audit.append(new AuditRecord(user.orgId(), user.id(), Actor.user(user),
                invitation ? "user.password-set" : "user.password-reset", "USER", user.id(), before.status().name(),
                Person.Status.ACTIVE.name(), Map.of("linkId", link.id().toString())));
        return new LinkInfo(link.purpose(), user.email(), user.displayName(), link.expiresAt());
    }

    /**
     * "Forgot password": when the email is an active person's, and that email has not had {@code per-email} resets
     * within the window, a reset link goes out (earlier reset links stop working). The caller learns nothing either
     * way; only a client address past its {@code per-address} budget is refused (429).
     */
    public void requestReset(String email, String clientAddress) {
        Duration wait = resetThrottle.takeAddress(clientAddress);
        if (wait != null) {
            throw new RateLimitedException("Too many requests",
                    "too many password resets were asked for from your network address; try again later", wait,
                    java.util.Map.of());
        }
        boolean allowed = resetThrottle.takeEmail(email);
        Optional<UserAccount> user = directory.findUserByEmail(email).filter(UserAccount::active);
        if (user.isEmpty()) {
            return;
        }
        if (!allowed) {
            log.info("Password reset for {} not sent: too many within {}", LogText.escape(user.get().email()),
                    properties.resetRequests().window());
            return;
        }
        UserAccount person = user.get();
        revokeLinks(person.id(), OneTimeLinks.Purpose.PASSWORD_RESET);
        OneTimeLinks.Issued link = links.issue(person.orgId(), person.id(), OneTimeLinks.Purpose.PASSWORD_RESET,
                null, properties.resetTtl());
        emails.queue(new AccountEmails.AccountEmail(person.orgId(), person.id(), person.email(),
                person.displayName(), link.id(), AccountEmails.Kind.ACCOUNT_PASSWORD_RESET,
                "Reset your Matterflow password", """
                Hello %s,

                Someone, hopefully you, asked to reset your Matterflow password. Choose a new password within %s:

                %s

                The link works once. If you did not ask for it, ignore this email: your password stays as it is.
                """.formatted(person.displayName(), describe(properties.resetTtl()), url(link))));
        audit.append(new AuditRecord(person.orgId(), person.id(), Actor.system(person.orgId()),
                "user.password-reset-request", "USER", person.id(), null, null,
                Map.of("linkExpiresAt", link.expiresAt().toString())));
    }

    /**
     * Signs the caller out everywhere: every session of theirs ends, on every node, the one making the request too.
     * API tokens are not touched (they are revoked on the account page one by one).
     */
    public void signOutEverywhere(Actor actor) {
        if (!actor.isUser()) {
            throw new ForbiddenException("a signed-in user is required");
        }
        UserAccount user = directory.findUser(actor.userId()).orElseThrow();
        sessions.endAll(user.id());
        audit.append(new AuditRecord(user.orgId(), user.id(), actor, "user.sign-out-everywhere", "USER", user.id(),
                null, null, Map.of()));
    }

    /**
     * Changes the caller's password, given the current one. A wrong current password is a 400 naming
     * {@code currentPassword} and counts as a failed sign-in for the email (a locked email is 429). The caller's
     * other sessions end ({@code keepSessionId}, the session making the change, stays signed in).
     */
    public void changeOwnPassword(Actor actor, String currentPassword, String newPassword, String keepSessionId) {
        if (!actor.isUser()) {
            throw new ForbiddenException("a signed-in user is required");
        }
        UserAccount user = directory.findUser(actor.userId()).orElseThrow();
        Instant locked = throttle.lockedUntil(user.email());
        if (locked != null) {
            throw new RateLimitedException("Too many failed sign-ins", "too many wrong passwords for this"
                    + " account; try again later", Duration.between(Instant.now(), locked), java.util.Map.of());
        }
        policy.check(newPassword, user.email(), "newPassword");
        if (!directory.passwordMatches(user.id(), currentPassword == null ? "" : currentPassword)) {
            throttle.failed(user.email());
            throw ValidationException.of("Wrong password", "currentPassword", "is not your current password");
        }
        throttle.succeeded(user.email());
        if (newPassword.equals(currentPassword)) {
            throw ValidationException.of("Invalid password", "newPassword", "must differ from the current password");
        }
        directory.setPassword(user.id(), newPassword);
        revokeLinks(user.id(), OneTimeLinks.Purpose.PASSWORD_RESET);
        sessions.endAllExcept(user.id(), keepSessionId);
        audit.append(new AuditRecord(user.orgId(), user.id(), actor, "user.password-change", "USER", user.id(),
                null, null, Map.of()));
    }

    /**
     * The first run: the firm and its first admin, invited with a link, by the system. Returns the link, so that the
     * caller can email or log it; empty when some user exists already (nothing is done).
     */
    Optional<OneTimeLinks.Issued> bootstrap(String organization, String adminEmail, String adminName) {
        if (directory.hasUsers()) {
            return Optional.empty();
        }
        UUID orgId = directory.createOrganization(organization);
        UserAccount admin = directory.inviteUser(orgId, adminEmail, adminName, Role.ADMIN);
        OneTimeLinks.Issued link = links.issue(orgId, admin.id(), OneTimeLinks.Purpose.INVITATION, null,
                properties.invitationTtl());
        Actor system = Actor.system(orgId);
        audit.append(new AuditRecord(orgId, admin.id(), system, "user.invite", "USER", admin.id(), null,
                Person.Status.INVITED.name(), Map.of("email", admin.email(), "role", Role.ADMIN.name(),
                "organization", organization, "bootstrap", true,
                "invitationExpiresAt", link.expiresAt().toString())));
        if (emails.viaSmtp()) {
            sendInvitation(admin, link, "Matterflow");
        }
        return Optional.of(link);
    }

    @Transactional(readOnly = true)
    boolean anyUser() {
        return directory.hasUsers();
    }

    boolean emailsViaSmtp() {
        return emails.viaSmtp();
    }

    String url(OneTimeLinks.Issued link) {
        return baseUrl + "/password/set?token=" + link.secret();
    }

    private void sendInvitation(UserAccount user, OneTimeLinks.Issued link, String invitedBy) {
        String firm = directory.organizationName(user.orgId()).orElse("your firm");
        emails.queue(new AccountEmails.AccountEmail(user.orgId(), user.id(), user.email(), user.displayName(),
                link.id(), AccountEmails.Kind.ACCOUNT_INVITATION, "You are invited to Matterflow · " + firm, """
                Hello %s,

                %s invited you to Matterflow, %s's workflows, as %s. Choose your password within %s:

                %s

                The link works once. Once it has expired, ask an admin of %s to send a new invitation.
                """.formatted(user.displayName(), invitedBy, firm, user.role().name().toLowerCase(),
                describe(properties.invitationTtl()), url(link), firm)));
    }

    private void revokeLinks(UUID userId, OneTimeLinks.Purpose purpose) {
        links.revokeUsable(userId, purpose).forEach(emails::cancel);
    }

    private PersonDetails details(Person person) {
        return PersonDetails.of(person, person.status() == Person.Status.INVITED
                ? links.invitationExpiry(person.id()).orElse(null) : null);
    }

    private Person person(Actor actor, UUID userId) {
        return directory.findPerson(actor.orgId(), userId).orElseThrow(() -> new NotFoundException("User", userId));
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("only an admin of the firm may manage its people");
        }
    }

    static String describe(Duration duration) {
        if (duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0 && duration.toHours() > 0) {
            return duration.toHours() == 1 ? "1 hour" : duration.toHours() + " hours";
        }
        if (duration.toSecondsPart() == 0 && duration.toMinutes() > 0) {
            return duration.toMinutes() == 1 ? "1 minute" : duration.toMinutes() + " minutes";
        }
        return duration.toSeconds() + " seconds";
    }
}
