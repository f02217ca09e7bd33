package io.matterflow.calendar.internal;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import io.matterflow.calendar.BusinessCalendars;
import io.matterflow.common.TooLargeException;
import io.matterflow.common.ValidationException;

/** The {@code file} part of an .ics import, for the API and the page alike. */
final class CalendarFiles {

    /** Room for the multipart boundaries and headers around a file at the limit. */
    private static final long ENVELOPE = 64 * 1024;

    private CalendarFiles() {
    }

    /**
     * The uploaded file's content: 413 before the body is parsed (lazily) when its declared length passes the limit,
     * 400 naming {@code file} when there is none. {@link BusinessCalendars#importHolidays} reads no more than the limit.
     */
    static InputStream open(MultipartHttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > BusinessCalendars.MAX_ICS_BYTES + ENVELOPE) {
            throw new TooLargeException("the upload is larger than the limit of " + BusinessCalendars.MAX_ICS_BYTES
                    + " bytes for a calendar file");
        }
        MultipartFile file = request.getFile("file");
        if (file == null || file.isEmpty()) {
            throw ValidationException.of("Invalid upload", "file", "is required: an iCalendar (.ics) file");
        }
        return file.getInputStream();
    }
}
