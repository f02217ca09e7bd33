-- Provider webhooks.

-- Each provider event is processed once: (provider_kind, provider, event_id) is unique, and the row is written in
-- the transaction that applies the event, so an event is never applied without its row, nor recorded unapplied.
create table webhook_events (
    id             uuid primary key,
    provider_kind  varchar(20) not null,
    provider       varchar(50) not null,
    event_id       varchar(100) not null,
    event_type     varchar(100) not null,
    org_id         uuid,
    step_id        uuid,
    received_at    timestamp with time zone not null,
    payload        ${json_type} not null,
    outcome        varchar(40) not null,
    constraint uq_webhook_events_event unique (provider_kind, provider, event_id),
    constraint ck_webhook_events_kind check (provider_kind in ('esign', 'payments', 'uploads'))
);
create index ix_webhook_events_received on webhook_events (received_at);

-- The id a provider knows a step's current attempt by (its signature session or payment intent), copied out of
-- action_data so that a webhook finds its step through an index rather than by searching JSON.
alter table workflow_instance_steps add column provider_ref varchar(200);
create index ix_workflow_instance_steps_provider_ref on workflow_instance_steps (provider_ref);

-- Existing steps: the id read from action_data's text (portable: regexp_substr is in H2 and PostgreSQL 15+).
-- Steps with previous attempts are left out, as their text also holds the ids of attempts that no longer count.
update workflow_instance_steps
   set provider_ref = regexp_substr(cast(action_data as varchar(1000000)),
                                    '"signatureSessionId\\?": *\\?"([^"\\]+)', 1, 1, '', 1)
 where action_type = 'SIGNATURE_CLIENT'
   and cast(action_data as varchar(1000000)) not like '%previousAttempts%';
update workflow_instance_steps
   set provider_ref = regexp_substr(cast(action_data as varchar(1000000)),
                                    '"paymentIntentId\\?": *\\?"([^"\\]+)', 1, 1, '', 1)
 where action_type = 'PAYMENT_CLIENT'
   and cast(action_data as varchar(1000000)) not like '%previousAttempts%';

-- The upload scanner's verdict on each document: UNSCANNED until a scan is reported; REJECTED (infected)
-- documents cannot complete a step.
alter table documents add column scan_status varchar(20) default 'UNSCANNED' not null;
alter table documents add column scanned_at timestamp with time zone;
alter table documents add constraint ck_documents_scan_status
    check (scan_status in ('UNSCANNED', 'ACCEPTED', 'REJECTED'));
