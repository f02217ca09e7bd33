package io.matterflow.instance.internal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.descriptor.java.Immutability;
import org.hibernate.type.SqlTypes;

import org.springframework.data.domain.Persistable;

import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.calendar.Due;
import io.matterflow.calendar.DueRule;
import io.matterflow.condition.Condition;
import io.matterflow.instance.StepDetails;
import io.matterflow.instance.WorkflowStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "workflow_instance_steps")
public class InstanceStepEntity implements Persistable<UUID> {

    @Id
    private UUID id;
    @Column(name = "instance_id", nullable = false)
    private UUID instanceId;
    @Column(name = "org_id", nullable = false)
    private UUID orgId;
    /** The instance's matter, kept here so that the inbox reads steps without their instances. */
    @Column(name = "matter_id", nullable = false, updatable = false)
    private UUID matterId;
    /** The instance's status, written with it ({@link #instanceStatus(WorkflowStatus)}), for the same reason. */
    @Enumerated(EnumType.STRING)
    @Column(name = "instance_status", nullable = false)
    private WorkflowStatus instanceStatus;
    @Column(name = "template_step_id")
    private UUID templateStepId;
    @Column(name = "step_order", nullable = false)
    private int order;
    @Column(nullable = false)
    private String title;
    @Column(name = "action_type", nullable = false)
    private ActionType actionType;
    @Enumerated(EnumType.STRING)
    @Column(name = "role_scope", nullable = false)
    private RoleScope roleScope;
    @Column(nullable = false)
    private boolean required;
    @Column(name = "client_visible", nullable = false)
    private boolean clientVisible;
    // Both JSON maps are replaced, never changed in place (the getters hand out read-only views), so Hibernate
    // need not deep-copy them on every load to detect changes: a transition loads all of an instance's steps.
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    @Column(name = "action_config", nullable = false)
    private Map<String, Object> actionConfig;
    @Enumerated(EnumType.STRING)
    @Column(name = "action_state", nullable = false)
    private ActionState state;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    @Column(name = "action_data", nullable = false)
    private Map<String, Object> actionData;
    /** The provider's id of the current attempt (signature session, payment intent), kept from actionData for lookup. */
    @Column(name = "provider_ref")
    private String providerRef;
    @Column(name = "assigned_to_id")
    private UUID assignedToId;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "completed_at")
    private Instant completedAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    /** When it last became READY: the anchor of its own STEP_READY due rule. */
    @Column(name = "ready_at")
    private Instant readyAt;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "due_rule")
    private DueRule dueRule;
    /** The due date with how it was computed; {@link #dueAt} is its date, a column of its own for the inbox. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "due")
    private Due due;
    @Column(name = "due_at")
    private Instant dueAt;
    /** When the step runs, naming the other steps by id; null: always. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "step_condition")
    private Condition condition;
    @Version
    private Long version;

    protected InstanceStepEntity() {
    }

    public InstanceStepEntity(UUID id, InstanceEntity instance, UUID templateStepId, int order, String title,
                       ActionType actionType, RoleScope roleScope, boolean required, boolean clientVisible,
                       Map<String, Object> actionConfig, Instant now) {
        this.id = id;
        this.instanceId = instance.id();
        this.orgId = instance.orgId();
        this.matterId = instance.matterId();
        this.instanceStatus = instance.status();
        this.templateStepId = templateStepId;
        this.order = order;
        this.title = title;
        this.actionType = actionType;
        this.roleScope = roleScope;
        this.required = required;
        this.clientVisible = clientVisible;
        this.actionConfig = new LinkedHashMap<>(actionConfig);
        this.state = ActionState.PENDING;
        this.actionData = new LinkedHashMap<>();
        this.updatedAt = now;
    }

    public UUID id() { return id; }
    public UUID instanceId() { return instanceId; }
    public UUID orgId() { return orgId; }
    public UUID matterId() { return matterId; }
    public WorkflowStatus instanceStatus() { return instanceStatus; }

    /** Follows the instance's status (every change of it must come here too: see InstanceEntity#status). */
    public void instanceStatus(WorkflowStatus status) {
        this.instanceStatus = status;
    }
    public int order() { return order; }
    public String title() { return title; }
    public ActionType actionType() { return actionType; }
    public RoleScope roleScope() { return roleScope; }
    public boolean required() { return required; }
    public boolean clientVisible() { return clientVisible; }
    public Map<String, Object> actionConfig() { return Collections.unmodifiableMap(actionConfig); }
    public ActionState state() { return state; }
    public Map<String, Object> actionData() { return Collections.unmodifiableMap(actionData); }
    public UUID assignedToId() { return assignedToId; }
    public String providerRef() { return providerRef; }
    public Instant startedAt() { return startedAt; }
    public Instant completedAt() { return completedAt; }

    /** Replaces the step's data without moving it (a note about it, such as a quarantined document). */
    public void annotate(Map<String, Object> data, Instant now) {
        moveTo(state, data, now);
    }

    /** Moves the step, keeping the provider's reference to its current attempt (readiness, notes). */
    public void moveTo(ActionState state, Map<String, Object> data, Instant now) {
        moveTo(state, data, now, providerRef);
    }

    /**
     * Moves the step after its handler ran: {@code providerRef} is the id its provider now knows the current attempt
     * by ({@link io.matterflow.action.ActionHandler#providerReferenceKey()}), null once a retry has moved it to
     * {@code previousAttempts}, so an old session's events no longer find the step.
     */
    public void moveTo(ActionState state, Map<String, Object> data, Instant now, String providerRef) {
        if (state == ActionState.READY && this.state != ActionState.READY) {
            this.readyAt = now;
        }
        this.state = state;
        this.actionData = new LinkedHashMap<>(data);
        this.providerRef = providerRef;
        this.updatedAt = now;
    }

    public void assign(UUID userId) {
        this.assignedToId = userId;
    }

    public void started(Instant at) {
        this.startedAt = at;
    }

    public void completed(Instant at) {
        this.completedAt = at;
    }

    public void reorder(int order) {
        this.order = order;
    }

    public void edit(String title, RoleScope roleScope, Boolean required, Map<String, Object> config, Instant now) {
        if (title != null) {
            this.title = title;
        }
        if (roleScope != null) {
            this.roleScope = roleScope;
        }
        if (required != null) {
            this.required = required;
        }
        if (config != null) {
            this.actionConfig = new LinkedHashMap<>(config);
        }
        this.updatedAt = now;
    }

    public Instant readyAt() { return readyAt; }
    public DueRule dueRule() { return dueRule; }
    public Due due() { return due; }
    public Instant dueAt() { return dueAt; }
    public Condition condition() { return condition; }

    public void condition(Condition condition, Instant now) {
        this.condition = condition;
        this.updatedAt = now;
    }

    /** Sets the rule the due date is computed by (null: none); the date itself follows with {@link #due(Due)}. */
    public void dueRule(DueRule rule, Instant now) {
        this.dueRule = rule;
        this.updatedAt = now;
    }

    /** Replaces the due date and its explanation (null: no due date). */
    public void due(Due due) {
        this.due = due;
        this.dueAt = due == null ? null : due.at();
    }

    public UUID templateStepId() { return templateStepId; }

    /** Links the step to the published version's step it now follows (a migration to another version). */
    public void copiedFrom(UUID templateStepId, Instant now) {
        this.templateStepId = templateStepId;
        this.updatedAt = now;
    }

    /**
     * Gives a step that has not started another action type: what the old type kept about it ({@code actionData},
     * its provider's reference) means nothing to the new one.
     */
    public void retype(ActionType actionType, Instant now) {
        this.actionType = actionType;
        this.actionData = new LinkedHashMap<>();
        this.providerRef = null;
        this.updatedAt = now;
    }

    public void showToClient(boolean clientVisible, Instant now) {
        this.clientVisible = clientVisible;
        this.updatedAt = now;
    }

    public StepDetails toDetails() {
        return new StepDetails(id, instanceId, templateStepId, order, title, actionType, roleScope, required,
                clientVisible, actionConfig(), state, actionData(), assignedToId, startedAt, completedAt, updatedAt,
                version == null ? 0 : version, due, condition);
    }

    /** For Spring Data's save: new until Hibernate has given it a version (without reading it reflectively). */
    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return version == null;
    }
}
