-- The matters a person performs on, for their inbox: found by owner and by client (matter_members is indexed by user),
-- not by reading every matter of the organization.
create index ix_matters_owner on matters (owner_id);
create index ix_matters_client on matters (client_id);
