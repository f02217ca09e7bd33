-- Documents the firm stores for signing: uploaded to a template (shared by every instance made from it) or to one
-- instance, besides the uploads to a document request step. Exactly one owner per document.
alter table documents alter column step_id drop not null;
alter table documents add column template_id uuid references workflow_templates (id);
alter table documents add column instance_id uuid references workflow_instances (id) on delete cascade;
alter table documents add constraint ck_documents_owner check (
    (case when step_id is null then 0 else 1 end)
  + (case when template_id is null then 0 else 1 end)
  + (case when instance_id is null then 0 else 1 end) = 1);
create index ix_documents_template on documents (template_id);
create index ix_documents_instance on documents (instance_id);
