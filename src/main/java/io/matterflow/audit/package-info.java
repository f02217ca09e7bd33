/**
 * The append-only, hash-chained audit log. Writers call {@link io.matterflow.audit.AuditLog#append} inside the
 * transaction of the change they record; readers get histories and {@link io.matterflow.audit.AuditLog#verify}.
 */
package io.matterflow.audit;
