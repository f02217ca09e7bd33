-- Housekeeping (matterflow.housekeeping.*) deletes finished rows in batches, found by these times. webhook_events
-- (received_at) and idempotency_keys (created_at) have their indexes already.
create index ix_api_tokens_expires on api_tokens (expires_at);
create index ix_api_tokens_revoked on api_tokens (revoked_at);
create index ix_user_tokens_expires on user_tokens (expires_at);
