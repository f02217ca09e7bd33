-- A READY notification is withdrawn when its step goes back to PENDING (an edit put the step behind a required step
-- that has not finished): it stays in the recipient's list, marked, and no longer counts as unread.
alter table notifications add column withdrawn_at timestamp with time zone;
create index ix_notifications_step on notifications (step_id);
