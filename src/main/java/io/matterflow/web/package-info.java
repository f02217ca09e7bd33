/**
 * What every HTTP route shares: errors as RFC 9457 problem details, the signed-in {@code Actor} as a controller
 * argument, {@code Idempotency-Key} replay, body size limits, and the paged list shape.
 */
package io.matterflow.web;
