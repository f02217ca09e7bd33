package io.matterflow.instance;

import io.matterflow.support.PostgresTest;

@PostgresTest
class MigrationOnPostgresTests extends MigrationScenarios {
}
