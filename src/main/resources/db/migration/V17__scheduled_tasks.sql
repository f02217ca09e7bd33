-- Durable timers (io.matterflow.scheduler): db-scheduler's table, as its PostgreSQL schema has it, except that
-- task_name, task_instance and picked_by are varchar instead of text: H2 reads text as a CLOB, which cannot be in a
-- primary key; on PostgreSQL the two are the same type. bytea is binary varying on H2.
create table scheduled_tasks (
    task_name            varchar(100) not null,
    task_instance        varchar(250) not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean not null,
    picked_by            varchar(100),
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index ix_scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index ix_scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index ix_scheduled_tasks_priority_execution_time on scheduled_tasks (priority desc, execution_time asc);

-- Reminders and escalations sent (io.matterflow.reminder): one row per step, stage and due date, written in the
-- transaction that tells the people, so that each is told once however often its timer runs, on whichever node.
create table step_reminders (
    step_id  uuid not null,
    stage    varchar(40) not null,
    due_at   timestamp with time zone not null,
    sent_at  timestamp with time zone not null,
    primary key (step_id, stage, due_at)
);

-- How often each step's due date changed, and when last: a calendar feed's SEQUENCE and LAST-MODIFIED.
create table step_due_revisions (
    step_id     uuid primary key,
    revision    int not null,
    changed_at  timestamp with time zone not null
);

-- Each user's private calendar feed: only the SHA-256 (hex) of its secret token is kept.
create table calendar_feeds (
    user_id     uuid primary key references users (id) on delete cascade,
    org_id      uuid not null references organizations (id),
    token_hash  varchar(64) not null,
    created_at  timestamp with time zone not null,
    constraint uq_calendar_feeds_token_hash unique (token_hash)
);
