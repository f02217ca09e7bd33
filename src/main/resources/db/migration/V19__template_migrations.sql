-- Migrations of running instances from one published version of a template to another (io.matterflow.instance):
-- one row per request, one item per instance. The items are the migration's durable to-do list: each is migrated in
-- a transaction of its own that locks its row and moves it off PENDING, so a migration interrupted by a crash is
-- resumed by its scheduled task (on any node) without migrating an instance twice.
create table template_migrations (
    id               uuid primary key,
    org_id           uuid not null references organizations (id),
    template_id      uuid not null references workflow_templates (id),
    from_version     integer not null,
    to_version       integer not null,
    status           varchar(20) not null,
    requested_by_id  uuid not null references users (id),
    created_at       timestamp with time zone not null,
    finished_at      timestamp with time zone,
    not_candidates   ${json_type},
    constraint ck_template_migrations_status check (status in ('RUNNING', 'DONE'))
);
create index ix_template_migrations_template on template_migrations (template_id, created_at);

create table template_migration_items (
    migration_id  uuid not null references template_migrations (id),
    instance_id   uuid not null references workflow_instances (id),
    position      integer not null,
    status        varchar(20) not null,
    detail        ${json_type},
    finished_at   timestamp with time zone,
    primary key (migration_id, instance_id),
    constraint ck_template_migration_items_status check (status in ('PENDING', 'MIGRATED', 'BLOCKED', 'SKIPPED'))
);
create index ix_template_migration_items_instance on template_migration_items (instance_id);
