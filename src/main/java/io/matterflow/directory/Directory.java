package io.matterflow.directory;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.matterflow.common.ConflictException;
import io.matterflow.common.NotFoundException;
import io.matterflow.common.ValidationException;
import io.matterflow.directory.internal.MatterChangeEntity;
import io.matterflow.directory.internal.MatterChangeRepository;
import io.matterflow.directory.internal.MatterEntity;
import io.matterflow.directory.internal.MatterMemberEntity;
import io.matterflow.directory.internal.MatterRepository;
import io.matterflow.directory.internal.OrganizationEntity;
import io.matterflow.directory.internal.OrganizationRepository;
import io.matterflow.directory.internal.UserEntity;
import io.matterflow.directory.internal.UserRepository;

/** Organizations, users, matters and members. Every read that takes an organization is scoped by it. */
@Service
@Transactional(readOnly = true)
public class Directory {

    private final OrganizationRepository organizations;
    private final UserRepository users;
    private final MatterRepository matters;
    private final MatterChangeRepository changes;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Directory(OrganizationRepository organizations, UserRepository users, MatterRepository matters,
              MatterChangeRepository changes, PasswordEncoder passwordEncoder, ApplicationEventPublisher events,
              Clock clock) {
        this.organizations = organizations;
        this.users = users;
        this.matters = matters;
        this.changes = changes;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public UUID createOrganization(String name) {
        var org = new OrganizationEntity(UUID.randomUUID(), name, clock.instant());
        return organizations.save(org).id();
    }

    public Optional<UUID> findOrganizationByName(String name) {
        return organizations.findByName(name).map(OrganizationEntity::id);
    }

    public Optional<String> organizationName(UUID orgId) {
        return organizations.findById(orgId).map(OrganizationEntity::name);
    }

    /** Stores the email in its {@linkplain Emails#canonical canonical form}, which must be free. */
    @Transactional
    public UserAccount createUser(UUID orgId, String email, String displayName, Role role, String rawPassword) {
        String canonical = Emails.canonical(email);
        if (canonical.isEmpty() || canonical.length() > Emails.MAX_LENGTH) {
            throw ValidationException.of("Invalid user", "email",
                    "must have 1 to " + Emails.MAX_LENGTH + " characters");
        }
        if (users.findByEmail(canonical).isPresent()) {
            throw new ConflictException("Email in use", "a user with email " + canonical + " already exists");
        }
        var user = new UserEntity(UUID.randomUUID(), orgId, canonical, displayName, role,
                passwordEncoder.encode(rawPassword), clock.instant());
        return users.save(user).toAccount();
    }

    /**
     * An invited user: active, without a password (none matches until they choose one from their invitation).
     * The email is stored in its {@linkplain Emails#canonical canonical form}, which must be free (else 409).
     */
    @Transactional
    public UserAccount inviteUser(UUID orgId, String email, String displayName, Role role) {
        String canonical = Emails.canonical(email);
        if (canonical.isEmpty() || canonical.length() > Emails.MAX_LENGTH) {
            throw ValidationException.of("Invalid user", "email",
                    "must have 1 to " + Emails.MAX_LENGTH + " characters");
        }
        if (users.findByEmail(canonical).isPresent()) {
            throw new ConflictException("Email in use", "a user with email " + canonical + " already exists");
        }
        var user = new UserEntity(UUID.randomUUID(), orgId, canonical, displayName, role, null, clock.instant());
        return users.saveAndFlush(user).toAccount();
    }

    /** The people of the organization with their status, by name. */
    public List<Person> people(UUID orgId) {
        return users.findByOrgIdOrderByDisplayName(orgId).stream().map(UserEntity::toPerson).toList();
    }

    /** A person of the organization; another organization's id is not found. */
    public Optional<Person> findPerson(UUID orgId, UUID userId) {
        return users.findById(userId).filter(u -> u.orgId().equals(orgId)).map(UserEntity::toPerson);
    }

    /** Stores the BCrypt hash of the new password. The caller has checked the password policy. */
    @Transactional
    public void setPassword(UUID userId, String rawPassword) {
        UserEntity user = users.findById(userId).orElseThrow(() -> new NotFoundException("User", userId));
        user.passwordHash(passwordEncoder.encode(rawPassword));
        users.saveAndFlush(user);
    }

    /**
     * Whether {@code rawPassword} is the user's password: one BCrypt check. False for a user without a password,
     * after a check of the same cost, so the answer takes as long either way.
     */
    public boolean passwordMatches(UUID userId, String rawPassword) {
        String hash = users.findById(userId).map(UserEntity::passwordHash).orElse(null);
        if (hash == null) {
            passwordEncoder.matches(rawPassword, unmatchableHash());
            return false;
        }
        return passwordEncoder.matches(rawPassword, hash);
    }

    private volatile String unmatchable;

    /** A hash of a random secret, made once with the same encoder: to spend a check's time on nobody. */
    private String unmatchableHash() {
        if (unmatchable == null) {
            unmatchable = passwordEncoder.encode(UUID.randomUUID().toString() + UUID.randomUUID());
        }
        return unmatchable;
    }

    /**
     * Changes a person's role. A client stays a client and staff stay staff (a client is outside the firm: invite
     * the person anew instead), else 422 naming {@code role}; an owner of matters stays a lawyer or admin (409).
     * The person's matter memberships take the new role, each such matter is recorded as changed (so that every
     * node drops its cached eligibility) and {@link UserRoleChanged} is published in this transaction.
     */
    @Transactional
    public Person changeRole(UUID orgId, UUID userId, Role role, UUID byUserId) {
        UserEntity user = loadUser(orgId, userId);
        Role from = user.role();
        if (from == role) {
            return user.toPerson();
        }
        if ((from == Role.CLIENT) != (role == Role.CLIENT)) {
            throw io.matterflow.common.UnprocessableException.of("Invalid role", "role",
                    from == Role.CLIENT ? "a client's account cannot become a staff account; invite the person anew"
                            : "a staff account cannot become a client's account; invite the client anew");
        }
        long owned = matters.countByOrgIdAndOwnerId(orgId, userId);
        if (role == Role.PARALEGAL && owned > 0) {
            throw new ConflictException("Owns matters", "this person owns " + owned + " matter(s), and a matter's"
                    + " owner must be a lawyer or an admin; give those matters another owner first");
        }
        user.role(role);
        users.saveAndFlush(user);
        Instant now = clock.instant();
        for (UUID matterId : mattersInvolvingIds(orgId, userId)) {
            matters.findByIdAndOrgId(matterId, orgId).ifPresent(matter -> {
                matter.members().stream().filter(m -> m.userId().equals(userId)).forEach(m -> m.role(role));
                matter.touch(now);
                matters.saveAndFlush(matter);
            });
            changes.save(new MatterChangeEntity(matterId, now));
            events.publishEvent(new MatterMembersChanged(matterId, orgId));
        }
        events.publishEvent(new UserRoleChanged(orgId, userId, from, role, byUserId));
        return user.toPerson();
    }

    /**
     * Deactivates or reactivates a person. Deactivation publishes {@link UserDeactivated} in this transaction (what
     * they held is released with it) and records their matters as changed, so that every node drops its cached
     * eligibility; reactivation publishes {@link UserReactivated}. Setting the state a person already has changes
     * nothing and returns empty.
     */
    @Transactional
    public Optional<Person> setActive(UUID orgId, UUID userId, boolean active, UUID byUserId) {
        UserEntity user = loadUser(orgId, userId);
        if (user.active() == active) {
            return Optional.empty();
        }
        user.active(active);
        users.saveAndFlush(user);
        Instant now = clock.instant();
        for (UUID matterId : mattersInvolvingIds(orgId, userId)) {
            changes.save(new MatterChangeEntity(matterId, now));
            events.publishEvent(new MatterMembersChanged(matterId, orgId));
        }
        events.publishEvent(active ? new UserReactivated(orgId, userId, byUserId)
                : new UserDeactivated(orgId, userId, byUserId));
        return Optional.of(user.toPerson());
    }

    /** Of these users, those of the organization who are active. */
    public Set<UUID> activeAmong(UUID orgId, Collection<UUID> userIds) {
        return userIds.isEmpty() ? Set.of() : Set.copyOf(users.findActiveIds(orgId, userIds));
    }

    public boolean hasUsers() {
        return users.count() > 0;
    }

    public Optional<UserAccount> findUser(UUID id) {
        return users.findById(id).map(UserEntity::toAccount);
    }

    /** The user whose email has the same {@linkplain Emails#canonical canonical form} as {@code email}. */
    public Optional<UserAccount> findUserByEmail(String email) {
        return findByCanonicalEmail(email).map(UserEntity::toAccount);
    }

    /**
     * The user with this email (compared as {@link #findUserByEmail}) and their stored hash, in one query, for the
     * access module's sign-in: a known and an unknown email then cost the same one lookup before the password check.
     * Only a user who may sign in with a password has credentials: active, with a password chosen.
     */
    public Optional<UserCredentials> findCredentials(String email) {
        return findByCanonicalEmail(email).filter(u -> u.active() && u.passwordHash() != null)
                .map(u -> new UserCredentials(u.toAccount(), u.passwordHash()));
    }

    /** The stored BCrypt hash, for the start-up check that no demo user keeps the default password. */
    public Optional<String> passwordHash(UUID userId) {
        return users.findById(userId).map(UserEntity::passwordHash);
    }

    public List<UserAccount> users(UUID orgId) {
        return users.findByOrgIdOrderByDisplayName(orgId).stream().map(UserEntity::toAccount).toList();
    }

    /** The active users of the organization with this role: deactivated people perform nothing. */
    public List<UUID> userIdsWithRole(UUID orgId, Role role) {
        return users.findActiveIdsByOrgIdAndRole(orgId, role);
    }

    @Transactional
    public MatterDetails createMatter(UUID orgId, String reference, String title, UUID ownerId, UUID clientId) {
        return createMatter(orgId, reference, title, ownerId, clientId, null);
    }

    /** A new matter; {@code practiceArea} may be null. */
    @Transactional
    public MatterDetails createMatter(UUID orgId, String reference, String title, UUID ownerId, UUID clientId,
                                      String practiceArea) {
        requireUser(orgId, ownerId, "ownerId", Role.LAWYER, Role.ADMIN);
        if (clientId != null) {
            requireUser(orgId, clientId, "clientId", Role.CLIENT);
        }
        if (matters.findByOrgIdAndReference(orgId, reference).isPresent()) {
            throw new ConflictException("Reference in use", "a matter with reference " + reference + " already exists");
        }
        var matter = new MatterEntity(UUID.randomUUID(), orgId, reference, title, ownerId, clientId, clock.instant());
        matter.practiceArea(practiceArea == null || practiceArea.isBlank() ? null : practiceArea);
        return matters.save(matter).toDetails();
    }

    public MatterDetails matter(UUID orgId, UUID matterId) {
        return loadMatter(orgId, matterId).toDetails();
    }

    public Optional<MatterDetails> findMatter(UUID orgId, UUID matterId) {
        return matters.findByIdAndOrgId(matterId, orgId).map(MatterEntity::toDetails);
    }

    /**
     * The matter, its row locked until the caller's transaction ends, so that no workflow starts on it meanwhile
     * ({@link #findMatterToWorkOn} waits): for changing it, closing it above all.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<MatterDetails> lockMatter(UUID orgId, UUID matterId) {
        return matters.lockExclusive(matterId, orgId).map(MatterEntity::toDetails);
    }

    /**
     * The matter, its row held until the caller's transaction ends, for starting work on it: a concurrent
     * {@link #lockMatter} (a close) waits until that work is committed and so sees it, or this waits until the close
     * is committed and sees the matter CLOSED. Starts on the same matter do not wait for each other on PostgreSQL.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<MatterDetails> findMatterToWorkOn(UUID orgId, UUID matterId) {
        return matters.lockShared(matterId, orgId).map(MatterEntity::toDetails);
    }

    /**
     * Changes the matter's reference, title, owner or client; null fields of {@code edit} stay as they are. The
     * owner must be a lawyer or an admin of the organization and the client a client of it (400 naming
     * {@code ownerId} or {@code clientId}); the reference must be free in the organization (409). A new owner or
     * client changes who may act on the matter: that is recorded and published as for a change of its members.
     */
    @Transactional
    public MatterDetails updateMatter(UUID orgId, UUID matterId, MatterEdit edit) {
        MatterEntity matter = loadMatter(orgId, matterId);
        if (edit.ownerId() != null) {
            requireUser(orgId, edit.ownerId(), "ownerId", Role.LAWYER, Role.ADMIN);
        }
        if (edit.clientId() != null) {
            requireUser(orgId, edit.clientId(), "clientId", Role.CLIENT);
        }
        String reference = edit.reference() == null ? matter.reference() : edit.reference();
        if (!reference.equals(matter.reference())) {
            matters.findByOrgIdAndReference(orgId, reference).ifPresent(other -> {
                throw new ConflictException("Reference in use", "a matter with reference " + reference
                        + " already exists");
            });
        }
        MatterDetails before = matter.toDetails();
        String title = edit.title() == null ? before.title() : edit.title();
        UUID owner = edit.ownerId() == null ? before.ownerId() : edit.ownerId();
        UUID client = edit.removeClient() ? null : edit.clientId() == null ? before.clientId() : edit.clientId();
        String area = edit.practiceArea() == null ? before.practiceArea()
                : edit.practiceArea().isBlank() ? null : edit.practiceArea();
        boolean peopleChange = !owner.equals(before.ownerId()) || !Objects.equals(client, before.clientId());
        if (!peopleChange && reference.equals(before.reference()) && title.equals(before.title())
                && Objects.equals(area, before.practiceArea())) {
            return before;
        }
        Instant now = clock.instant();
        matter.edit(reference, title, owner, client, area, now);
        if (peopleChange) {
            peopleChanged(orgId, matterId, now);
        }
        return matters.saveAndFlush(matter).toDetails();
    }

    /** Opens or closes the matter; the caller has checked that closing is allowed (no unfinished workflows). */
    @Transactional
    public MatterDetails setMatterStatus(UUID orgId, UUID matterId, MatterStatus status) {
        MatterEntity matter = loadMatter(orgId, matterId);
        if (matter.status() != status) {
            matter.status(status, clock.instant());
        }
        return matters.saveAndFlush(matter).toDetails();
    }

    public Optional<MatterDetails> findMatterByReference(UUID orgId, String reference) {
        return matters.findByOrgIdAndReference(orgId, reference).map(MatterEntity::toDetails);
    }

    public Page<MatterDetails> matters(UUID orgId, Pageable pageable) {
        return matters.findByOrgId(orgId, pageable).map(MatterEntity::toDetails);
    }

    /** Matters the user owns, is the client of, or is a member of. */
    public Page<MatterDetails> mattersInvolving(UUID orgId, UUID userId, Pageable pageable) {
        return matters.findInvolving(orgId, userId, pageable).map(MatterEntity::toDetails);
    }

    /** The matters in the organization with these ids, by id; unknown ids are left out. */
    public Map<UUID, MatterDetails> mattersById(UUID orgId, Collection<UUID> ids) {
        Map<UUID, MatterDetails> result = new HashMap<>();
        if (!ids.isEmpty()) {
            matters.findByOrgIdAndIdIn(orgId, ids).forEach(m -> result.put(m.id(), m.toDetails()));
        }
        return result;
    }

    /**
     * The matters on which the user can perform steps of each role scope: LAWYER on those they own or are a lawyer
     * member of, CLIENT on those they are the client or a client member of, PARALEGAL on those they are a paralegal
     * member of. Two indexed queries of ids, whatever the number of matters (no matter or member list is loaded).
     */
    public Map<Role, Set<UUID>> performerMatters(UUID orgId, UUID userId) {
        Map<Role, Set<UUID>> result = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            result.put(role, new HashSet<>());
        }
        for (Object[] matter : matters.findOwnedOrClientOf(orgId, userId)) {
            if (userId.equals(matter[1])) {
                result.get(Role.LAWYER).add((UUID) matter[0]);
            }
            if (userId.equals(matter[2])) {
                result.get(Role.CLIENT).add((UUID) matter[0]);
            }
        }
        for (Object[] membership : matters.findMemberships(orgId, userId)) {
            result.get((Role) membership[1]).add((UUID) membership[0]);
        }
        return result;
    }

    /** Replaces the matter's member list. Each member must be a user of the organization. */
    @Transactional
    public MatterDetails setMembers(UUID orgId, UUID matterId, Collection<MatterDetails.Member> newMembers) {
        MatterEntity matter = loadMatter(orgId, matterId);
        Map<UUID, Role> wanted = new HashMap<>();
        int index = 0;
        for (var member : newMembers) {
            if (wanted.containsKey(member.userId())) {
                throw ValidationException.of("Invalid members", "members[" + index + "].userId",
                        "names a person already listed");
            }
            var user = requireUser(orgId, member.userId(), "members[" + index + "].userId");
            if (member.role() != user.role()) {
                throw ValidationException.of("Invalid members", "members[" + index + "].role",
                        "must match the user's role " + user.role());
            }
            wanted.put(member.userId(), member.role());
            index++;
        }
        Instant now = clock.instant();
        matter.members().removeIf(m -> !wanted.containsKey(m.userId()));
        for (var entry : wanted.entrySet()) {
            var existing = matter.members().stream().filter(m -> m.userId().equals(entry.getKey())).findFirst();
            if (existing.isPresent()) {
                existing.get().role(entry.getValue());
            } else {
                matter.members().add(new MatterMemberEntity(matterId, entry.getKey(), entry.getValue(), now));
            }
        }
        matter.touch(now);
        peopleChanged(orgId, matterId, now);
        return matters.saveAndFlush(matter).toDetails();
    }

    /** Recorded for every node's eligibility cache ({@code matter_changes}) and published in this transaction. */
    private void peopleChanged(UUID orgId, UUID matterId, Instant now) {
        changes.save(new MatterChangeEntity(matterId, now));
        events.publishEvent(new MatterMembersChanged(matterId, orgId));
    }

    /** Matters whose people changed at or after {@code since}. */
    public List<UUID> mattersChangedSince(Instant since) {
        return changes.findMattersChangedSince(since);
    }

    @Transactional
    public int forgetMatterChangesBefore(Instant before) {
        return changes.deleteOlderThan(before);
    }

    /** Stored emails are canonical (see V9.1, {@code CanonicalEmailsMigration}): plain equality, no SQL folding. */
    private Optional<UserEntity> findByCanonicalEmail(String email) {
        String canonical = Emails.canonical(email);
        return canonical.isEmpty() || canonical.length() > Emails.MAX_LENGTH ? Optional.empty()
                : users.findByEmail(canonical);
    }

    private UserEntity loadUser(UUID orgId, UUID userId) {
        return users.findById(userId).filter(u -> u.orgId().equals(orgId))
                .orElseThrow(() -> new NotFoundException("User", userId));
    }

    /** The matters the user owns, is the client of, or is a member of. */
    private Set<UUID> mattersInvolvingIds(UUID orgId, UUID userId) {
        Set<UUID> ids = new HashSet<>();
        matters.findOwnedOrClientOf(orgId, userId).forEach(row -> ids.add((UUID) row[0]));
        matters.findMemberships(orgId, userId).forEach(row -> ids.add((UUID) row[0]));
        return ids;
    }

    private MatterEntity loadMatter(UUID orgId, UUID matterId) {
        return matters.findByIdAndOrgId(matterId, orgId).orElseThrow(() -> new NotFoundException("Matter", matterId));
    }

    private UserAccount requireUser(UUID orgId, UUID userId, String field, Role... allowed) {
        var user = users.findById(userId).map(UserEntity::toAccount)
                .filter(u -> u.orgId().equals(orgId))
                .orElseThrow(() -> ValidationException.of("Invalid user", field, "is not a user of this organization"));
        if (allowed.length > 0 && List.of(allowed).stream().noneMatch(r -> r == user.role())) {
            throw ValidationException.of("Invalid user", field, "must be a user with role " + List.of(allowed));
        }
        return user;
    }
}
