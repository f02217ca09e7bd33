package io.matterflow.instance;

import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;

/**
 * A migration's safety net: scheduled with it, it finishes whatever its request left PENDING (the node that took the
 * request stopped) and marks it DONE; when the request finished everything, it finds nothing to do.
 */
record MigrationTask(UUID migrationId) {

    static final TaskDescriptor<MigrationTask> TASK = TaskDescriptor.of("template-migration", MigrationTask.class);
}
