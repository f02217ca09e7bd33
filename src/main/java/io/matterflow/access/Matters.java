package io.matterflow.access;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditRecord;
import io.matterflow.common.ConflictException;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.NotFoundException;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.Role;
import io.matterflow.directory.UserAccount;

/**
 * Matters and people as the API offers them: permission-checked and audited. Admins see every matter of the firm;
 * others the matters they own, are the client of or are members of.
 */
@Service
@Transactional(readOnly = true)
public class Matters {

    private final Directory directory;
    private final MatterAccess access;
    private final AuditLog audit;

    Matters(Directory directory, MatterAccess access, AuditLog audit) {
        this.directory = directory;
        this.access = access;
        this.audit = audit;
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

    /**
     * Admins and lawyers; a lawyer who names no owner owns the new matter. A reference in use is a 409 that names the
     * matter holding it ({@code matterId}) only to a caller who may see that matter (docs/decisions.md).
     */
    @Transactional
    public MatterDetails create(Actor actor, String reference, String title, UUID ownerId, UUID clientId) {
        requireUser(actor);
        if (actor.role() != Role.ADMIN && actor.role() != Role.LAWYER) {
            throw new ForbiddenException("only admins and lawyers may open matters");
        }
        UUID owner = ownerId != null ? ownerId : actor.role() == Role.LAWYER ? actor.userId() : null;
        if (owner == null) {
            throw io.matterflow.common.ValidationException.of("Invalid matter", "ownerId", "must name the owning lawyer");
        }
        String cleanReference = reference.strip();
        directory.findMatterByReference(actor.orgId(), cleanReference).ifPresent(existing -> {
            // A reference is unique in the firm, so whoever may open matters learns that one is taken: no more.
            // Which matter holds it is for those who may see that matter.
            throw new ConflictException("Reference in use", "the reference " + cleanReference
                    + " is already in use in the firm; choose another", access.canRead(existing, actor)
                    ? Map.of("matterId", existing.id().toString()) : Map.of());
        });
        MatterDetails matter = directory.createMatter(actor.orgId(), cleanReference, title.strip(), owner, clientId);
        audit.append(new AuditRecord(actor.orgId(), matter.id(), actor, "matter.create", "MATTER", matter.id(), null,
                null, Map.of("reference", matter.reference(), "title", matter.title(), "ownerId", owner.toString())));
        return matter;
    }

    /** Replaces the members; admins and the matter's owner. Cached eligibility for its instances is dropped. */
    @Transactional
    public MatterDetails setMembers(Actor actor, UUID matterId, Collection<MatterDetails.Member> members) {
        MatterDetails matter = find(actor, matterId);
        access.requireVisible(matter, actor, "Matter", matterId);
        access.requireEdit(matter, actor);
        MatterDetails updated = directory.setMembers(actor.orgId(), matterId, members);
        audit.append(new AuditRecord(actor.orgId(), matterId, actor, "matter.members", "MATTER", matterId, null, null,
                Map.of("members", updated.members().stream()
                        .map(m -> Map.of("userId", m.userId().toString(), "role", m.role().name())).toList())));
        return updated;
    }

    /** The organization's users, for choosing owners, clients and members. Not for clients. */
    public java.util.List<UserAccount> users(Actor actor) {
        requireUser(actor);
        if (actor.role() == Role.CLIENT) {
            throw new ForbiddenException("clients cannot list the firm's users");
        }
        return directory.users(actor.orgId());
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
