package io.matterflow.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.matterflow.directory.UserAccount;

/**
 * Everyone who may call a route in the access matrices: the people of a {@link TestFirm}, a user (the admin) of
 * another firm, and nobody signed in.
 */
public enum Caller {
    ADMIN, OWNER, ASSOCIATE, OUTSIDER, PARALEGAL, CLIENT, OTHER_ORG, ANONYMOUS;

    /** One cell of a matrix: what the route answers the caller. */
    public record Expected(String route, Caller caller, int status) {
    }

    /** The caller's account in the firm, the other firm's admin, or null for nobody signed in. */
    public UserAccount account(TestFirm firm, TestFirm otherFirm) {
        return switch (this) {
            case ADMIN -> firm.admin();
            case OWNER -> firm.owner();
            case ASSOCIATE -> firm.associate();
            case OUTSIDER -> firm.outsider();
            case PARALEGAL -> firm.paralegal();
            case CLIENT -> firm.client();
            case OTHER_ORG -> otherFirm.admin();
            case ANONYMOUS -> null;
        };
    }

    /**
     * The cells of a matrix, row by row: a header {@code route} followed by every caller in order, then one line per
     * route with a status for every caller.
     */
    public static List<Expected> matrix(String table) {
        List<String> lines = table.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String[] header = lines.get(0).split("\\s+");
        if (!Arrays.equals(Arrays.copyOfRange(header, 1, header.length),
                Arrays.stream(values()).map(Enum::name).toArray())) {
            throw new IllegalStateException("the table's columns must be every caller in order: " + lines.get(0));
        }
        List<Expected> cells = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split("\\s+");
            if (row.length != header.length) {
                throw new IllegalStateException("row has " + row.length + " cells: " + line);
            }
            for (int i = 1; i < row.length; i++) {
                cells.add(new Expected(row[0], valueOf(header[i]), Integer.parseInt(row[i])));
            }
        }
        return cells;
    }

    /** The routes of a matrix, in its order. */
    public static List<String> routes(String table) {
        return table.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).map(l -> l.split("\\s+")[0])
                .toList();
    }
}
