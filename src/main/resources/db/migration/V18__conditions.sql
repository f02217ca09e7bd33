-- Conditions (docs/decisions.md, "Conditions"). A template step may carry a condition over earlier steps' outcomes
-- and the matter's fields; its instance steps copy it, naming the other steps by id. A step whose condition is false
-- when it would become READY is skipped by the engine with the condition as the reason.
alter table workflow_template_steps add column step_condition ${json_type};
alter table workflow_instance_steps add column step_condition ${json_type};

-- The matter's practice area ("Litigation", "Conveyancing"): free text, which conditions may ask about.
alter table matters add column practice_area varchar(100);
