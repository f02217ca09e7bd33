/**
 * Durable timers: db-scheduler over the application's database ({@code scheduled_tasks}), started when the
 * application is ready and stopped gracefully on shutdown, so that executions due while no node runs wait in the
 * table. Other modules contribute their tasks as {@link com.github.kagkarlsson.scheduler.task.Task} beans and schedule
 * or cancel their executions through the {@link com.github.kagkarlsson.scheduler.SchedulerClient} bean, inside their
 * own transactions: scheduling commits or rolls back with them. Time is the application's {@link java.time.Clock}.
 * Each execution runs on one node at a time, at least once: a task makes itself idempotent.
 */
package io.matterflow.scheduler;
