package io.matterflow.reminder;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableTransp;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import io.matterflow.instance.DueStep;

/**
 * A calendar feed as RFC 5545 text: one event per dated step, its UID stable ({@code step-<id>@matterflow}) so
 * that a calendar updates the event when the date moves, SEQUENCE and LAST-MODIFIED from the step's
 * {@link DueRevisions}. The event starts at the due time and lasts a quarter of an hour (RFC 5545 wants DTEND after
 * DTSTART); it is TRANSPARENT, so a deadline never shows its owner as busy. Times are UTC: the calendar shows them in
 * its user's zone. No METHOD: that is iTIP's (RFC 5546), for invitations with an organizer, not for a subscription.
 */
final class CalendarFeedWriter {

    static final String PRODID = "-//Matterflow//Deadlines//EN";
    static final Duration LENGTH = Duration.ofMinutes(15);

    private CalendarFeedWriter() {
    }

    static String write(List<DueStep> steps, Map<UUID, DueRevisions.Revision> revisions, Instant now,
                        String baseUrl) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new XProperty("X-WR-CALNAME", "Matterflow deadlines"));
        Instant stamp = now.truncatedTo(ChronoUnit.SECONDS);
        for (DueStep step : steps) {
            if (step.due() != null && step.due().at() != null) {
                calendar.add(event(step, revisions.getOrDefault(step.stepId(), DueRevisions.Revision.NONE), stamp,
                        baseUrl + step.path()));
            }
        }
        StringWriter text = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    static String uid(UUID stepId) {
        return "step-" + stepId + "@matterflow";
    }

    private static VEvent event(DueStep step, DueRevisions.Revision revision, Instant stamp, String link) {
        Instant at = step.due().at().truncatedTo(ChronoUnit.SECONDS);
        VEvent event = new VEvent(false);
        event.add(new Uid(uid(step.stepId())));
        event.add(new DtStamp(stamp));
        event.add(new DtStart<>(at));
        event.add(new DtEnd<>(at.plus(LENGTH)));
        event.add(new Summary("Due: " + step.stepTitle()
                + (step.matterReference() == null ? "" : " \u00b7 " + step.matterReference())));
        event.add(new Description(step.instanceTitle() + " \u00b7 " + ReminderMessages.matter(step) + "\n"
                + (step.due().explanation() == null ? "" : step.due().explanation() + "\n") + link));
        event.add(new Url(URI.create(link)));
        event.add(new LastModified(revision.changedAt() == null ? stamp
                : revision.changedAt().truncatedTo(ChronoUnit.SECONDS)));
        event.add(new Sequence(revision.number()));
        event.add(ImmutableTransp.TRANSPARENT);
        return event;
    }
}
