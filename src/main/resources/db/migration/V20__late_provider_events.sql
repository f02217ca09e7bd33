-- Provider sessions and late provider events.

-- Every session a step's attempt opened at a provider (a signing session, a payment intent), kept after the attempt
-- ends, so that an event about an earlier attempt's session still finds its step, and with when the engine closed
-- it (cancelled at the provider after the step was skipped or retried, or its instance cancelled or completed).
-- workflow_instance_steps.provider_ref keeps naming the current attempt's session only.
create table provider_sessions (
    provider_kind  varchar(20) not null,
    provider       varchar(50) not null,
    reference      varchar(200) not null,
    org_id         uuid not null,
    instance_id    uuid not null,
    step_id        uuid not null,
    opened_at      timestamp with time zone not null,
    closed_at      timestamp with time zone,
    close_outcome  varchar(20),
    constraint pk_provider_sessions primary key (provider_kind, provider, reference),
    constraint ck_provider_sessions_outcome check (close_outcome is null or close_outcome in ('CLOSED', 'FAILED'))
);
create index ix_provider_sessions_step on provider_sessions (step_id);

-- Provider events that arrived after their step had moved on (skipped, failed, retried, its instance cancelled or
-- completed): recorded, shown on the step and told to the matter's owner, never applied to the step. One row per
-- provider event id, as webhook_events, written in the same transaction.
create table late_provider_events (
    id             uuid primary key,
    org_id         uuid not null,
    matter_id      uuid not null,
    instance_id    uuid not null,
    step_id        uuid not null,
    provider_kind  varchar(20) not null,
    provider       varchar(50) not null,
    event_id       varchar(100) not null,
    reference      varchar(200) not null,
    event_type     varchar(100) not null,
    amount         numeric(19, 4),
    currency       varchar(3),
    reason         varchar(40) not null,
    received_at    timestamp with time zone not null,
    constraint uq_late_provider_events_event unique (provider_kind, provider, event_id)
);
create index ix_late_provider_events_instance on late_provider_events (instance_id, received_at);

-- Why an event was recorded and not applied (late_provider_events.reason), so that a duplicate answers the same.
alter table webhook_events add column reason varchar(40);
