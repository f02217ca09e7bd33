package io.matterflow.audit.internal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.matterflow.audit.AuditEvent;
import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditVerification;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.web.PageResponse;
import io.matterflow.common.web.Paging;
import io.matterflow.directory.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Audit", description = "The firm's append-only, hash-chained audit log (admins)")
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/audit")
    @Operation(operationId = "listAuditEvents", summary = "The firm's audit events, newest first")
    PageResponse<AuditEvent> list(Actor actor, @RequestParam(required = false) Integer page,
                                  @RequestParam(required = false) Integer size) {
        requireAdmin(actor);
        return PageResponse.of(audit.all(actor.orgId(), Paging.of(page, size)));
    }

    @GetMapping("/api/audit/verify")
    @Operation(operationId = "verifyAudit", summary = "Verify the audit chains")
    AuditVerification verify(Actor actor) {
        requireAdmin(actor);
        return audit.verify(actor.orgId());
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("only admins may read the firm's audit log");
        }
    }
}
