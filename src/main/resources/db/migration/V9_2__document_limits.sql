-- Uploads: when a completed step named the document (null while none has: the cleanup removes such uploads after
-- matterflow.documents.retention), and the indexes the upload limits and the cleanup read through.
alter table documents add column submitted_at timestamp with time zone;

-- Documents already named by a completed step: found in the step's action_data text (documentIds), as V5 found
-- provider ids (portable across H2 and PostgreSQL).
update documents
   set submitted_at = (select coalesce(s.completed_at, s.updated_at) from workflow_instance_steps s
                        where s.id = documents.step_id)
 where exists (select 1 from workflow_instance_steps s
                where s.id = documents.step_id
                  and s.action_state = 'COMPLETED'
                  and cast(s.action_data as varchar(1000000)) like '%' || cast(documents.id as varchar(36)) || '%');

-- A person's uploads of the last 24 hours (matterflow.documents.max-bytes-per-user-per-day).
create index ix_documents_uploader_time on documents (uploaded_by_id, uploaded_at);
-- The cleanup's candidates: unsubmitted, oldest first.
create index ix_documents_submitted_uploaded on documents (submitted_at, uploaded_at);
