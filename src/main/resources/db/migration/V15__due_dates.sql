-- Due dates (docs/decisions.md, "Deadlines"). A template step may carry a due rule (offset, unit, anchor); its
-- instance steps copy it, naming another step by id. due holds the computed date with how it was computed (rule,
-- anchor, calendar version, days stepped over, explanation, a date set by hand); due_at is its date, for sorting and
-- filtering. ready_at is when the step last became READY and started_at when the instance became ACTIVE: anchors.
alter table workflow_template_steps add column due_rule ${json_type};
alter table workflow_instance_steps add column due_rule ${json_type};
alter table workflow_instance_steps add column due ${json_type};
alter table workflow_instance_steps add column due_at timestamp with time zone;
alter table workflow_instance_steps add column ready_at timestamp with time zone;
create index ix_workflow_instance_steps_due_at on workflow_instance_steps (org_id, due_at);
alter table workflow_instances add column started_at timestamp with time zone;
update workflow_instances set started_at = created_at where status <> 'DRAFT';

-- A matter's key dates ("Trial", "Limitation date"): free names, one date each; due rules count from them.
create table matter_key_dates (
    matter_id   uuid not null references matters (id) on delete cascade,
    org_id      uuid not null references organizations (id),
    name        varchar(100) not null,
    key_date    date not null,
    updated_by  uuid,
    updated_at  timestamp with time zone not null,
    primary key (matter_id, name)
);
