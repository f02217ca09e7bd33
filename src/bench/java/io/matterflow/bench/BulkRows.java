package io.matterflow.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows for one table, written straight into it: on PostgreSQL with {@code COPY ... FROM STDIN} (text format), elsewhere
 * (H2) with JDBC batches. Values are {@link UUID}, {@link String}, {@link Number}, {@link Boolean}, {@link Instant}
 * (a {@code timestamp with time zone}), {@link JsonText} (a JSON column) or null.
 */
final class BulkRows {

    /** The text of a JSON column's value. */
    record JsonText(String json) {
    }

    private static final int BATCH = 1000;
    private static final int COPY_BUFFER = 1 << 20;

    final String table;
    private final List<String> columns;
    private final Set<String> jsonColumns;
    private final List<Object[]> rows = new ArrayList<>();

    BulkRows(String table, String columns, String... jsonColumns) {
        this.table = table;
        this.columns = Stream.of(columns.split(",")).map(String::strip).toList();
        this.jsonColumns = Set.of(jsonColumns);
    }

    void add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(table + ": " + values.length + " values for " + columns.size()
                    + " columns");
        }
        rows.add(values);
    }

    int size() {
        return rows.size();
    }

    /** Writes the rows (in the connection's current transaction) and forgets them. */
    void writeTo(Connection connection, boolean postgres) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        if (postgres) {
            copy(connection);
        } else {
            batch(connection);
        }
        rows.clear();
    }

    private void copy(Connection connection) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + table + " (" + String.join(", ", columns) + ") from stdin");
        try {
            StringBuilder text = new StringBuilder(COPY_BUFFER + 4096);
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        text.append('\t');
                    }
                    appendCopyValue(text, row[i]);
                }
                text.append('\n');
                if (text.length() >= COPY_BUFFER) {
                    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    text.setLength(0);
                }
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void appendCopyValue(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
            return;
        }
        String s = value instanceof JsonText json ? json.json() : value.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }

    private void batch(Connection connection) throws SQLException {
        String values = columns.stream().map(c -> jsonColumns.contains(c) ? "? format json" : "?")
                .collect(Collectors.joining(", "));
        try (PreparedStatement insert = connection.prepareStatement("insert into " + table + " ("
                + String.join(", ", columns) + ") values (" + values + ")")) {
            int pending = 0;
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    Object value = row[i];
                    if (value instanceof JsonText json) {
                        insert.setString(i + 1, json.json());
                    } else if (value instanceof Instant instant) {
                        insert.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
                    } else {
                        insert.setObject(i + 1, value);
                    }
                }
                insert.addBatch();
                if (++pending == BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }
}
