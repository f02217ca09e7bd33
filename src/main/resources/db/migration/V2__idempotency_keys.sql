-- Answers to POST requests sent with an Idempotency-Key, replayed when the same user repeats the key.
-- status_code is null while the first request is still running.
create table idempotency_keys (
    user_id          uuid not null,
    idempotency_key  varchar(200) not null,
    request_hash     varchar(64) not null,
    status_code      integer,
    content_type     varchar(200),
    response_body    varchar(1000000),
    created_at       timestamp with time zone not null,
    primary key (user_id, idempotency_key)
);
create index ix_idempotency_keys_created on idempotency_keys (created_at);
