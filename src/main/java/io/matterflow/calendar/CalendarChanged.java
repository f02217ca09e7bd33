package io.matterflow.calendar;

import java.util.UUID;

/**
 * A firm's calendar changed (time zone, working days, close of business, holidays): published in the transaction
 * that changed it, so dependent due dates are recomputed with it. {@code version} is the calendar's new version.
 */
public record CalendarChanged(UUID orgId, long version, String change) {
}
