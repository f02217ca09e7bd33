-- A matter is OPEN until it is closed; a CLOSED matter takes no new workflows, and closing it requires that none of
-- its workflows is still unfinished (docs/decisions.md, "Matters"). closed_at is set while it is closed.
alter table matters add column status varchar(20) not null default 'OPEN';
alter table matters add column closed_at timestamp with time zone;
alter table matters add constraint ck_matters_status check (status in ('OPEN', 'CLOSED'));
