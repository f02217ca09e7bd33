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
