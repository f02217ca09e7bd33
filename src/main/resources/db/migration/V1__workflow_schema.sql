-- Matterflow schema: one migration set for H2 (PostgreSQL mode) and PostgreSQL.
-- json_type is jsonb on PostgreSQL and json elsewhere (see FlywayJsonTypeCustomizer).
-- Enums are VARCHAR columns with CHECK constraints so that both databases enforce them.

create table organizations (
    id          uuid primary key,
    name        varchar(200) not null,
    created_at  timestamp with time zone not null
);

create table users (
    id             uuid primary key,
    org_id         uuid not null references organizations (id),
    email          varchar(254) not null,
    display_name   varchar(200) not null,
    role           varchar(20) not null,
    password_hash  varchar(100) not null,
    created_at     timestamp with time zone not null,
    constraint uq_users_email unique (email),
    constraint ck_users_role check (role in ('ADMIN', 'LAWYER', 'PARALEGAL', 'CLIENT'))
);
create index ix_users_org_role on users (org_id, role);

create table matters (
    id          uuid primary key,
    org_id      uuid not null references organizations (id),
    reference   varchar(50) not null,
    title       varchar(300) not null,
    owner_id    uuid not null references users (id),
    client_id   uuid references users (id),
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    version     bigint not null default 0,
    constraint uq_matters_org_reference unique (org_id, reference)
);
create index ix_matters_org on matters (org_id, created_at);

create table matter_members (
    matter_id  uuid not null references matters (id) on delete cascade,
    user_id    uuid not null references users (id),
    role       varchar(20) not null,
    added_at   timestamp with time zone not null,
    primary key (matter_id, user_id),
    constraint ck_matter_members_role check (role in ('ADMIN', 'LAWYER', 'PARALEGAL', 'CLIENT'))
);
create index ix_matter_members_user on matter_members (user_id);

create table workflow_templates (
    id             uuid primary key,
    org_id         uuid not null references organizations (id),
    name           varchar(200) not null,
    description    varchar(2000),
    version        integer not null default 0,
    is_active      boolean not null default true,
    created_by_id  uuid not null references users (id),
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    lock_version   bigint not null default 0,
    constraint ck_workflow_templates_version check (version >= 0)
);
create index ix_workflow_templates_org_name on workflow_templates (org_id, name);

create table workflow_template_steps (
    id             uuid primary key,
    template_id    uuid not null references workflow_templates (id) on delete cascade,
    step_order     integer not null,
    title          varchar(200) not null,
    action_type    varchar(32) not null,
    action_config  ${json_type} not null,
    role_scope     varchar(20) not null,
    required       boolean not null default true,
    constraint uq_workflow_template_steps_order unique (template_id, step_order),
    constraint ck_workflow_template_steps_order check (step_order >= 0),
    constraint ck_workflow_template_steps_action_type check (action_type in
        ('APPROVAL_LAWYER', 'SIGNATURE_CLIENT', 'REQUEST_DOC_CLIENT', 'PAYMENT_CLIENT', 'CHECKLIST')),
    constraint ck_workflow_template_steps_role_scope check (role_scope in ('ADMIN', 'LAWYER', 'PARALEGAL', 'CLIENT'))
);

create table workflow_template_versions (
    template_id      uuid not null references workflow_templates (id),
    version          integer not null,
    snapshot         ${json_type} not null,
    published_by_id  uuid not null references users (id),
    published_at     timestamp with time zone not null,
    primary key (template_id, version),
    constraint ck_workflow_template_versions_version check (version >= 1)
);

create table workflow_instances (
    id                uuid primary key,
    org_id            uuid not null references organizations (id),
    template_id       uuid not null references workflow_templates (id),
    matter_id         uuid not null references matters (id),
    template_version  integer not null,
    title             varchar(200) not null,
    status            varchar(20) not null,
    created_by_id     uuid not null references users (id),
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    completed_at      timestamp with time zone,
    version           bigint not null default 0,
    constraint fk_workflow_instances_template_version foreign key (template_id, template_version)
        references workflow_template_versions (template_id, version),
    constraint ck_workflow_instances_status check (status in ('DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED', 'CANCELED'))
);
create index ix_workflow_instances_matter_status on workflow_instances (matter_id, status);

create table workflow_instance_steps (
    id                uuid primary key,
    instance_id       uuid not null references workflow_instances (id) on delete cascade,
    org_id            uuid not null references organizations (id),
    template_step_id  uuid,
    step_order        integer not null,
    title             varchar(200) not null,
    action_type       varchar(32) not null,
    role_scope        varchar(20) not null,
    required          boolean not null default true,
    action_config     ${json_type} not null,
    action_state      varchar(20) not null,
    action_data       ${json_type} not null,
    assigned_to_id    uuid references users (id),
    started_at        timestamp with time zone,
    completed_at      timestamp with time zone,
    updated_at        timestamp with time zone not null,
    version           bigint not null default 0,
    constraint ck_workflow_instance_steps_order check (step_order >= 0),
    constraint ck_workflow_instance_steps_action_type check (action_type in
        ('APPROVAL_LAWYER', 'SIGNATURE_CLIENT', 'REQUEST_DOC_CLIENT', 'PAYMENT_CLIENT', 'CHECKLIST')),
    constraint ck_workflow_instance_steps_role_scope check (role_scope in ('ADMIN', 'LAWYER', 'PARALEGAL', 'CLIENT')),
    constraint ck_workflow_instance_steps_action_state check (action_state in
        ('PENDING', 'READY', 'IN_PROGRESS', 'BLOCKED', 'COMPLETED', 'FAILED', 'SKIPPED'))
);
create index ix_workflow_instance_steps_instance_state on workflow_instance_steps (instance_id, action_state);
create index ix_workflow_instance_steps_assignee_state on workflow_instance_steps (assigned_to_id, action_state);

create table documents (
    id              uuid primary key,
    org_id          uuid not null references organizations (id),
    step_id         uuid not null references workflow_instance_steps (id) on delete cascade,
    name            varchar(255) not null,
    content_type    varchar(127) not null,
    size_bytes      bigint not null,
    sha256          varchar(64) not null,
    storage_key     varchar(255) not null,
    uploaded_by_id  uuid not null references users (id),
    uploaded_at     timestamp with time zone not null,
    constraint ck_documents_size check (size_bytes >= 0)
);
create index ix_documents_step on documents (step_id);

-- Append-only audit log. Events form one hash chain per stream (the instance, template or matter they
-- belong to); audit_heads holds each stream's newest event so that a removed tail is detected too.
create table audit_events (
    id           uuid primary key,
    org_id       uuid not null,
    stream_id    uuid not null,
    seq          bigint not null,
    occurred_at  timestamp with time zone not null,
    actor_type   varchar(20) not null,
    actor_id     varchar(100) not null,
    actor_name   varchar(200) not null,
    action       varchar(64) not null,
    entity_type  varchar(40) not null,
    entity_id    uuid not null,
    from_state   varchar(20),
    to_state     varchar(20),
    metadata     ${json_type} not null,
    request_id   varchar(100),
    prev_hash    varchar(64) not null,
    hash         varchar(64) not null,
    constraint uq_audit_events_stream_seq unique (stream_id, seq),
    constraint ck_audit_events_actor_type check (actor_type in ('USER', 'SYSTEM', 'PROVIDER')),
    constraint ck_audit_events_seq check (seq >= 1)
);
create index ix_audit_events_entity on audit_events (entity_id, occurred_at);
create index ix_audit_events_org_time on audit_events (org_id, occurred_at);

create table audit_heads (
    stream_id   uuid primary key,
    org_id      uuid not null,
    seq         bigint not null,
    hash        varchar(64) not null,
    version     bigint not null default 0
);
create index ix_audit_heads_org on audit_heads (org_id);

-- Spring Modulith's event publication registry (schema v2), portable column types.
create table event_publication (
    id                      uuid not null,
    listener_id             varchar(512) not null,
    event_type              varchar(512) not null,
    serialized_event        varchar(4000) not null,
    publication_date        timestamp with time zone not null,
    completion_date         timestamp with time zone,
    status                  varchar(20),
    completion_attempts     integer,
    last_resubmission_date  timestamp with time zone,
    primary key (id)
);
create index ix_event_publication_completion_date on event_publication (completion_date);
