package io.matterflow.reminder;

import io.matterflow.support.PostgresTest;

/** Each reminder stage once across two scheduler nodes and a restart, on PostgreSQL (row locks, ON CONFLICT). */
@PostgresTest
class ReminderOnPostgresTests extends ReminderNodes {
}
