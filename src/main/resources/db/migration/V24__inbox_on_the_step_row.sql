-- The inbox finds a performer's open steps from the step rows alone: each step keeps its instance's matter (which
-- never changes) and its instance's status (written with the instance's on every status change). The inbox then
-- reads the steps of the performer's matters by one index, without visiting the instances.
alter table workflow_instance_steps add column matter_id uuid;
alter table workflow_instance_steps add column instance_status varchar(20);
update workflow_instance_steps set
    matter_id = (select i.matter_id from workflow_instances i where i.id = workflow_instance_steps.instance_id),
    instance_status = (select i.status from workflow_instances i where i.id = workflow_instance_steps.instance_id);
alter table workflow_instance_steps alter column matter_id set not null;
alter table workflow_instance_steps alter column instance_status set not null;

-- unassigned steps a performer may take, by the matters they are on and the role they have there (the assignee last,
-- so that "unassigned" is decided in the index, not by reading the rows of steps someone holds)
create index ix_workflow_instance_steps_inbox_scope
    on workflow_instance_steps (matter_id, role_scope, instance_status, action_state, assigned_to_id);
-- steps assigned to a performer (also what the assignee-and-state index served)
create index ix_workflow_instance_steps_inbox_assignee
    on workflow_instance_steps (assigned_to_id, instance_status, action_state);
drop index ix_workflow_instance_steps_assignee_state;
