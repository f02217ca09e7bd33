package io.matterflow.access;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditRecord;
import io.matterflow.common.ConflictException;
import io.matterflow.common.FieldError;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.NotFoundException;
import io.matterflow.common.ValidationException;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.MatterEdit;
import io.matterflow.directory.MatterKeyDates;
import io.matterflow.directory.MatterKeyDatesChanged;
import io.matterflow.directory.MatterStatus;
import io.matterflow.directory.Role;
import io.matterflow.directory.UserAccount;

/**
 * Matters and people as the API offers them: permission-checked and audited. Admins see every matter of the firm;
 * others the matters they own, are the client of or are members of.
 */
@Service
@Transactional(readOnly = true)
public class Matters {

    public static final int MAX_REFERENCE = 50;
    public static final int MAX_PRACTICE_AREA = 100;
    public static final int MAX_TITLE = 300;

    private final Directory directory;
    private final MatterAccess access;
    private final MatterWorkflows workflows;
    private final MatterKeyDates keyDates;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    Matters(Directory directory, MatterAccess access, MatterWorkflows workflows, MatterKeyDates keyDates,
            AuditLog audit, ApplicationEventPublisher events) {
        this.directory = directory;
        this.access = access;
        this.workflows = workflows;
        this.keyDates = keyDates;
        this.audit = audit;
        this.events = events;
    }

    /** The matter's key dates by name; whoever sees the matter. */
    public SortedMap<String, LocalDate> keyDates(Actor actor, UUID matterId) {
        get(actor, matterId);
        return keyDates.of(actor.orgId(), matterId);
    }

    /**
     * Replaces the matter's key dates; admins and the matter's owner. Names are 1 to {@value MatterKeyDates#MAX_NAME}
     * characters, distinct without regard to case. The change is audited (what was added, moved, removed) and
     * announced ({@link MatterKeyDatesChanged}) in the same transaction, so due dates counting from a key date move
     * with it. Setting what is already there changes nothing.
     */
    @Transactional
    public SortedMap<String, LocalDate> setKeyDates(Actor actor, UUID matterId, List<KeyDate> dates) {
        lockManaged(actor, matterId);
        List<FieldError> errors = new ArrayList<>();
        SortedMap<String, LocalDate> wanted = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (dates == null) {
            errors.add(new FieldError("keyDates", "must not be null"));
        } else if (dates.size() > MatterKeyDates.MAX_PER_MATTER) {
            errors.add(new FieldError("keyDates", "must have at most " + MatterKeyDates.MAX_PER_MATTER + " dates"));
        } else {
            for (int i = 0; i < dates.size(); i++) {
                KeyDate date = dates.get(i);
                String path = "keyDates[" + i + "]";
                if (date == null) {
                    errors.add(new FieldError(path, "must not be null"));
                    continue;
                }
                String name = text(date.name(), path + ".name", MatterKeyDates.MAX_NAME, true, errors);
                if (date.date() == null) {
                    errors.add(new FieldError(path + ".date", "must be a date (YYYY-MM-DD)"));
                }
                if (name != null && !name.isEmpty() && wanted.containsKey(name)) {
                    errors.add(new FieldError(path + ".name", "is already named (names are compared without case)"));
                } else if (name != null && !name.isEmpty() && date.date() != null) {
                    wanted.put(name, date.date());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Invalid key dates", errors);
        }
        SortedMap<String, LocalDate> current = keyDates.of(actor.orgId(), matterId);
        if (current.equals(wanted) && current.keySet().stream().toList().equals(wanted.keySet().stream().toList())) {
            return current;
        }
        Map<String, Object> added = new java.util.TreeMap<>();
        Map<String, Object> moved = new java.util.TreeMap<>();
        List<String> removed = new ArrayList<>();
        java.util.Set<String> changed = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        wanted.forEach((name, date) -> {
            LocalDate was = current.get(name);
            if (was == null) {
                added.put(name, date.toString());
                changed.add(name);
            } else if (!was.equals(date)) {
                moved.put(name, Map.of("from", was.toString(), "to", date.toString()));
                changed.add(name);
            }
        });
        current.keySet().stream().filter(name -> !wanted.containsKey(name)).forEach(name -> {
            removed.add(name);
            changed.add(name);
        });
        keyDates.replace(actor.orgId(), matterId, wanted, actor.userId());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("added", added);
        metadata.put("moved", moved);
        metadata.put("removed", removed);
        audit.append(new AuditRecord(actor.orgId(), matterId, actor, "matter.key-dates", "MATTER", matterId, null,
                null, metadata));
        events.publishEvent(new MatterKeyDatesChanged(actor.orgId(), matterId, java.util.Set.copyOf(changed)));
        return keyDates.of(actor.orgId(), matterId);
    }

    /** One key date of a matter. */
    public record KeyDate(String name, LocalDate date) {
    }

    public Page<MatterDetails> visible(Actor actor, Pageable pageable) {
        requireUser(actor);
        return actor.role() == Role.ADMIN ? directory.matters(actor.orgId(), pageable)
                : directory.mattersInvolving(actor.orgId(), actor.userId(), pageable);
    }

    public MatterDetails get(Actor actor, UUID matterId) {
        MatterDetails matter = find(actor, matterId);
        access.requireVisible(matter, actor, "Matter", matterId);
        return matter;
    }

    /** Admins and lawyers may open matters. */
    public boolean canCreate(Actor actor) {
        return actor.isUser() && (actor.role() == Role.ADMIN || actor.role() == Role.LAWYER);
    }

    /**
     * Admins and lawyers; a lawyer who names no owner owns the new matter. A reference in use is a 409 that names the
     * matter holding it ({@code matterId}) only to a caller who may see that matter (docs/decisions.md).
     */
    @Transactional
    public MatterDetails create(Actor actor, String reference, String title, UUID ownerId, UUID clientId) {
        return create(actor, reference, title, ownerId, clientId, null);
    }

    /** As {@link #create(Actor, String, String, UUID, UUID)}, with a practice area (null or blank: none). */
    @Transactional
    public MatterDetails create(Actor actor, String reference, String title, UUID ownerId, UUID clientId,
                                String practiceArea) {
        requireUser(actor);
        if (!canCreate(actor)) {
            throw new ForbiddenException("only admins and lawyers may open matters");
        }
        List<FieldError> errors = new ArrayList<>();
        String cleanReference = text(reference, "reference", MAX_REFERENCE, true, errors);
        String cleanTitle = text(title, "title", MAX_TITLE, true, errors);
        String cleanArea = practiceArea(practiceArea, errors);
        UUID owner = ownerId != null ? ownerId : actor.role() == Role.LAWYER ? actor.userId() : null;
        if (owner == null) {
            errors.add(new FieldError("ownerId", "must name the owning lawyer"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Invalid matter", errors);
        }
        requireFreeReference(actor, cleanReference);
        MatterDetails matter = directory.createMatter(actor.orgId(), cleanReference, cleanTitle, owner, clientId,
                cleanArea);
        audit.append(new AuditRecord(actor.orgId(), matter.id(), actor, "matter.create", "MATTER", matter.id(), null,
                null, Map.of("reference", matter.reference(), "title", matter.title(), "ownerId", owner.toString())));
        return matter;
    }

    /**
     * Changes the matter's details and status; admins and the matter's owner. {@code edit}'s null fields stay as
     * they are. Closing a matter whose workflows have not all ended (DRAFT, ACTIVE or PAUSED) is refused with
     * {@link UnfinishedWorkflowsException} unless {@code cancelUnfinished}, which cancels them, each audited as a
     * status change of its instance by the caller. Everything happens in one transaction, with the matter's row
     * locked, so that no workflow starts on it meanwhile; a refusal changes nothing. Closing a closed matter or
     * reopening an open one changes nothing.
     */
    @Transactional
    public MatterDetails update(Actor actor, UUID matterId, MatterEdit edit, MatterStatus status,
                                boolean cancelUnfinished) {
        MatterDetails matter = lockManaged(actor, matterId);
        List<FieldError> errors = new ArrayList<>();
        MatterEdit clean = new MatterEdit(text(edit.reference(), "reference", MAX_REFERENCE, false, errors),
                text(edit.title(), "title", MAX_TITLE, false, errors), edit.ownerId(), edit.clientId(),
                edit.removeClient(), practiceArea(edit.practiceArea(), errors));
        if (cancelUnfinished && status != MatterStatus.CLOSED) {
            errors.add(new FieldError("cancelActiveWorkflows", "applies only with status CLOSED"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Invalid matter", errors);
        }
        if (clean.reference() != null && !clean.reference().equals(matter.reference())) {
            requireFreeReference(actor, clean.reference());
        }
        boolean closing = status == MatterStatus.CLOSED && !matter.isClosed();
        List<MatterWorkflows.UnfinishedWorkflow> unfinished = closing
                ? workflows.unfinished(actor.orgId(), matterId) : List.of();
        if (!unfinished.isEmpty() && !cancelUnfinished) {
            throw new UnfinishedWorkflowsException(unfinished);
        }

        MatterDetails updated = clean.isEmpty() ? matter : directory.updateMatter(actor.orgId(), matterId, clean);
        Map<String, Object> changes = changes(matter, updated);
        if (!changes.isEmpty()) {
            audit.append(new AuditRecord(actor.orgId(), matterId, actor, "matter.update", "MATTER", matterId, null,
                    null, changes));
        }
        if (closing) {
            List<UUID> canceled = unfinished.stream().map(MatterWorkflows.UnfinishedWorkflow::id).toList();
            workflows.cancel(actor, canceled);
            updated = directory.setMatterStatus(actor.orgId(), matterId, MatterStatus.CLOSED);
            audit.append(new AuditRecord(actor.orgId(), matterId, actor, "matter.status", "MATTER", matterId,
                    MatterStatus.OPEN.name(), MatterStatus.CLOSED.name(),
                    Map.of("canceledWorkflows", canceled.stream().map(UUID::toString).toList())));
        } else if (status == MatterStatus.OPEN && matter.isClosed()) {
            updated = directory.setMatterStatus(actor.orgId(), matterId, MatterStatus.OPEN);
            audit.append(new AuditRecord(actor.orgId(), matterId, actor, "matter.status", "MATTER", matterId,
                    MatterStatus.CLOSED.name(), MatterStatus.OPEN.name(), Map.of()));
        }
        return updated;
    }

    /** Replaces the members; admins and the matter's owner. Cached eligibility for its instances is dropped. */
    @Transactional
    public MatterDetails setMembers(Actor actor, UUID matterId, Collection<MatterDetails.Member> members) {
        return replaceMembers(actor, lockManaged(actor, matterId), members);
    }

    /**
     * Puts a person of the firm on the matter's team in their own role; admins and the matter's owner. The team is
     * read and written with the matter's row locked, so that two additions at once both stay. A person already on
     * the team changes nothing.
     */
    @Transactional
    public MatterDetails addMember(Actor actor, UUID matterId, UUID userId) {
        MatterDetails matter = lockManaged(actor, matterId);
        UserAccount user = directory.findUser(userId).filter(u -> u.orgId().equals(actor.orgId()))
                .orElseThrow(() -> ValidationException.of("Invalid member", "userId",
                        "is not a user of this organization"));
        if (matter.members().stream().anyMatch(m -> m.userId().equals(userId))) {
            return matter;
        }
        List<MatterDetails.Member> members = new ArrayList<>(matter.members());
        members.add(new MatterDetails.Member(user.id(), user.role()));
        return replaceMembers(actor, matter, members);
    }

    /** Takes a person off the matter's team; admins and the matter's owner. Someone not on it changes nothing. */
    @Transactional
    public MatterDetails removeMember(Actor actor, UUID matterId, UUID userId) {
        MatterDetails matter = lockManaged(actor, matterId);
        if (matter.members().stream().noneMatch(m -> m.userId().equals(userId))) {
            return matter;
        }
        return replaceMembers(actor, matter, matter.members().stream()
                .filter(m -> !m.userId().equals(userId)).toList());
    }

    /** The organization's users, for choosing owners, clients and members. Not for clients. */
    public List<UserAccount> users(Actor actor) {
        requireUser(actor);
        if (actor.role() == Role.CLIENT) {
            throw new ForbiddenException("clients cannot list the firm's users");
        }
        return directory.users(actor.orgId());
    }

    private MatterDetails replaceMembers(Actor actor, MatterDetails matter, Collection<MatterDetails.Member> members) {
        MatterDetails updated = directory.setMembers(actor.orgId(), matter.id(), members);
        audit.append(new AuditRecord(actor.orgId(), matter.id(), actor, "matter.members", "MATTER", matter.id(), null,
                null, Map.of("members", updated.members().stream()
                        .map(m -> Map.of("userId", m.userId().toString(), "role", m.role().name())).toList())));
        return updated;
    }

    /** The matter with its row locked, for a change by an admin or its owner: 404 if not visible, else 403. */
    private MatterDetails lockManaged(Actor actor, UUID matterId) {
        requireUser(actor);
        MatterDetails matter = directory.lockMatter(actor.orgId(), matterId)
                .orElseThrow(() -> new NotFoundException("Matter", matterId));
        access.requireVisible(matter, actor, "Matter", matterId);
        access.requireManage(matter, actor);
        return matter;
    }

    /**
     * A reference is unique in the firm, so whoever may open matters learns that one is taken: no more. Which matter
     * holds it is for those who may see that matter.
     */
    private void requireFreeReference(Actor actor, String reference) {
        directory.findMatterByReference(actor.orgId(), reference).ifPresent(existing -> {
            throw new ConflictException("Reference in use", "the reference " + reference
                    + " is already in use in the firm; choose another", access.canRead(existing, actor)
                    ? Map.of("matterId", existing.id().toString()) : Map.of());
        });
    }

    /**
     * What changed, field by field, as {@code {from, to}}; a side that is none (a client added or removed) is left
     * out rather than null: the audit log keeps no null values (its stored JSON drops them, so the hash over them
     * would no longer verify).
     */
    private static Map<String, Object> changes(MatterDetails before, MatterDetails after) {
        Map<String, Object> changes = new LinkedHashMap<>();
        change(changes, "reference", before.reference(), after.reference());
        change(changes, "title", before.title(), after.title());
        change(changes, "ownerId", before.ownerId(), after.ownerId());
        change(changes, "clientId", before.clientId(), after.clientId());
        change(changes, "practiceArea", before.practiceArea(), after.practiceArea());
        return changes;
    }

    private static void change(Map<String, Object> changes, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            Map<String, Object> change = new LinkedHashMap<>();
            if (from != null) {
                change.put("from", from.toString());
            }
            if (to != null) {
                change.put("to", to.toString());
            }
            changes.put(field, change);
        }
    }

    /** The stripped practice area: null stays null (unchanged), blank is "" (none), too long a field error. */
    private static String practiceArea(String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > MAX_PRACTICE_AREA) {
            errors.add(new FieldError("practiceArea", "must be at most " + MAX_PRACTICE_AREA + " characters"));
        }
        return stripped;
    }

    /** The stripped text; null stays null unless required. Blank or too long is a field error. */
    private static String text(String value, String field, int max, boolean required, List<FieldError> errors) {
        if (value == null) {
            if (required) {
                errors.add(new FieldError(field, "must not be blank"));
            }
            return null;
        }
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            errors.add(new FieldError(field, "must not be blank"));
        } else if (stripped.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
        return stripped;
    }

    private MatterDetails find(Actor actor, UUID matterId) {
        return directory.findMatter(actor.orgId(), matterId).orElseThrow(() -> new NotFoundException("Matter", matterId));
    }

    private static void requireUser(Actor actor) {
        if (!actor.isUser()) {
            throw new ForbiddenException("a signed-in user is required");
        }
    }
}
