-- People administration. A user is active until an admin deactivates them: a deactivated user cannot sign in by any
-- means and performs no step, and their rows stay (audit events, matters and steps keep naming them). An invited
-- user has no password yet (password_hash null, which no password matches) until they choose one from the
-- invitation's link.
alter table users add column active boolean not null default true;
alter table users alter column password_hash drop not null;

-- One-time links: invitations (72 hours) and password resets (1 hour). Only the SHA-256 (hex) of the token is
-- stored; a token is used once (used_at), and an invitation sent again, a later reset or the user's deactivation
-- revokes the earlier ones (revoked_at). Rows are kept for the audit trail.
create table user_tokens (
    id          uuid primary key,
    org_id      uuid not null references organizations (id),
    user_id     uuid not null references users (id) on delete cascade,
    purpose     varchar(20) not null,
    token_hash  varchar(64) not null,
    created_by  uuid references users (id),
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    used_at     timestamp with time zone,
    revoked_at  timestamp with time zone,
    constraint uq_user_tokens_token_hash unique (token_hash),
    constraint ck_user_tokens_purpose check (purpose in ('INVITATION', 'PASSWORD_RESET')),
    constraint ck_user_tokens_expiry check (expires_at > created_at)
);
create index ix_user_tokens_user on user_tokens (user_id, purpose);
