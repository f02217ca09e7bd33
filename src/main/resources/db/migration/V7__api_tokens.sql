-- Personal API tokens: a user's credentials for API clients, checked with a SHA-256 and one indexed lookup instead
-- of a BCrypt per request. Only the SHA-256 (hex) of the token is stored; the token itself is shown once, when it
-- is created. A revoked token keeps its row (revoked_at set), so its audit events keep pointing at something.
create table api_tokens (
    id            uuid primary key,
    org_id        uuid not null references organizations (id),
    user_id       uuid not null references users (id) on delete cascade,
    name          varchar(100) not null,
    token_hash    varchar(64) not null,
    created_at    timestamp with time zone not null,
    expires_at    timestamp with time zone not null,
    last_used_at  timestamp with time zone,
    revoked_at    timestamp with time zone,
    constraint uq_api_tokens_token_hash unique (token_hash),
    constraint ck_api_tokens_expiry check (expires_at > created_at)
);
-- A user's tokens, newest first (GET /api/me/tokens).
create index ix_api_tokens_user_created on api_tokens (user_id, created_at);
