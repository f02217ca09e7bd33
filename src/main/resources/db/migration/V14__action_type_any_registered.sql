-- Action types are plug-ins: the action registry decides which types a step may have (an unknown one is a 400 at
-- the API), not a list in the schema. A row keeps the name of its type, at most 32 characters.
alter table workflow_template_steps drop constraint ck_workflow_template_steps_action_type;
alter table workflow_instance_steps drop constraint ck_workflow_instance_steps_action_type;
