-- An instance's audit chain keeps its head on the instance's row, which every step change updates anyway: an
-- append to the chain then costs neither a read nor a write of its own. Streams without such a row (matters,
-- templates, tokens, ...) keep theirs in audit_heads.
alter table workflow_instances add column audit_seq bigint default 0 not null;
alter table workflow_instances add column audit_hash varchar(64)
    default '0000000000000000000000000000000000000000000000000000000000000000' not null;
update workflow_instances set
    audit_seq = (select h.seq from audit_heads h where h.stream_id = workflow_instances.id),
    audit_hash = (select h.hash from audit_heads h where h.stream_id = workflow_instances.id)
where exists (select 1 from audit_heads h where h.stream_id = workflow_instances.id);
delete from audit_heads where exists (select 1 from workflow_instances i where i.id = audit_heads.stream_id);
