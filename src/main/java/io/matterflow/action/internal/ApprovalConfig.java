package io.matterflow.action.internal;

import jakarta.validation.constraints.Size;

import io.matterflow.action.RoleScope;

/** APPROVAL_LAWYER: who is expected to approve (ADMIN or LAWYER) and the message shown to them. */
public record ApprovalConfig(RoleScope approverRole, @Size(max = 2000) String message) {
}
