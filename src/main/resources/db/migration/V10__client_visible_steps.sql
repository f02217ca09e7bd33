-- Which steps a client sees besides its own (CLIENT) steps: the firm marks them. Work product stays in the firm
-- unless marked, so the default is false; published versions keep the flag in their snapshot (absent: false).
alter table workflow_template_steps add column client_visible boolean not null default false;
alter table workflow_instance_steps add column client_visible boolean not null default false;
