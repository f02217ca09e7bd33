package io.matterflow.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The calendar a firm has until an admin changes it: {@code matterflow.calendar.*}. Reminder stages are how long
 * before the due time a reminder goes (0: at the due time).
 */
@ConfigurationProperties("matterflow.calendar")
public record CalendarProperties(@DefaultValue("UTC") ZoneId timeZone,
                                 @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"})
                                 Set<DayOfWeek> workingDays,
                                 @DefaultValue("17:00") LocalTime closeOfBusiness,
                                 @DefaultValue({"7d", "1d", "0s"}) List<Duration> reminderStages,
                                 @DefaultValue("2") int escalationBusinessDays) {
}
