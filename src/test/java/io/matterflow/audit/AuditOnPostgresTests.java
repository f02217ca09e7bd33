package io.matterflow.audit;


import io.matterflow.support.PostgresTest;

@PostgresTest
class AuditOnPostgresTests extends AuditScenarios {
}
