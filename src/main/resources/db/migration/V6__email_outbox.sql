-- Per-organization feature flags, switched by the firm's admins at runtime. A missing row means the flag's default
-- (off).
create table feature_flags (
    org_id      uuid not null references organizations (id),
    name        varchar(100) not null,
    enabled     boolean not null,
    updated_by  uuid references users (id),
    updated_at  timestamp with time zone not null,
    primary key (org_id, name)
);

-- Emails waiting to be sent, written in the transaction of the change that caused them and sent after it committed.
-- (recipient_id, source_id) is unique: the source is the audit event that caused the email, so an event delivered
-- twice queues one email. Rows sent together as one message (a digest) share message_id; the throttle counts
-- messages, not rows.
create table email_outbox (
    id               uuid primary key,
    org_id           uuid not null references organizations (id),
    recipient_id     uuid not null references users (id),
    email            varchar(320) not null,
    recipient_name   varchar(200) not null,
    source_id        uuid not null,
    kind             varchar(40) not null,
    subject          varchar(300) not null,
    body             varchar(4000) not null,
    summary          varchar(600) not null,
    link             varchar(500),
    step_id          uuid,
    instance_id      uuid,
    status           varchar(20) not null,
    throttled        boolean not null default false,
    attempts         integer not null default 0,
    next_attempt_at  timestamp with time zone not null,
    last_error       varchar(1000),
    created_at       timestamp with time zone not null,
    sent_at          timestamp with time zone,
    sent_by          varchar(200),
    message_id       uuid,
    constraint uq_email_outbox_recipient_source unique (recipient_id, source_id),
    constraint ck_email_outbox_status check (status in ('PENDING', 'SENT', 'FAILED', 'CANCELED')),
    constraint ck_email_outbox_attempts check (attempts >= 0)
);
create index ix_email_outbox_due on email_outbox (status, next_attempt_at);
create index ix_email_outbox_recipient on email_outbox (recipient_id, status, sent_at);

-- One lease per recipient: the node holding it is the only one sending to that recipient until it ends, so two
-- nodes never send the same row and the throttle counts every message to the recipient.
create table email_recipient_leases (
    recipient_id   uuid primary key,
    claimed_by     varchar(200),
    claimed_until  timestamp with time zone
);
