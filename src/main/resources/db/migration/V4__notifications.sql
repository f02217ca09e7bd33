-- In-app notifications. (user_id, source_id) is unique: the source is the audit event that caused the
-- notification, so a notification is created once even when its event is delivered twice.
create table notifications (
    id           uuid primary key,
    org_id       uuid not null references organizations (id),
    user_id      uuid not null references users (id),
    source_id    uuid not null,
    kind         varchar(40) not null,
    title        varchar(300) not null,
    body         varchar(1000) not null,
    link         varchar(500),
    step_id      uuid,
    instance_id  uuid,
    created_at   timestamp with time zone not null,
    read_at      timestamp with time zone,
    constraint uq_notifications_user_source unique (user_id, source_id)
);
create index ix_notifications_user_read on notifications (user_id, read_at, created_at);
