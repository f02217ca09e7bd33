package io.matterflow.scheduler;

import io.matterflow.support.PostgresTest;

@PostgresTest
class HousekeepingOnPostgresTests extends HousekeepingScenarios {
}
