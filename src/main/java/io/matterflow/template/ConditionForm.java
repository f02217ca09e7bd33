package io.matterflow.template;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

import io.matterflow.condition.Clause;
import io.matterflow.condition.Condition;
import io.matterflow.condition.MatterField;

/**
 * A step's "Runs" fields in the template builder: always, or only when all (any) of up to {@value #ROWS} tests hold.
 * Each test is one choice of a drop-down ({@link #test}): an earlier row's outcome ({@code step:2:REJECTED},
 * {@code step:3:CHECKED:ID verified}), the practice area ({@code area}, with {@link ClauseForm#value}) or a key date
 * ({@code keydate}, with its name in {@code value}), with "not" to turn it round.
 */
public class ConditionForm {

    public static final int ROWS = 3;
    public static final String AREA = "area";
    public static final String KEY_DATE = "keydate";
    static final String STEP = "step:";

    /** "" (always), ALL or ANY. */
    private String mode = "";
    private List<ClauseForm> clauses = blank();

    public static class ClauseForm {
        private String test = "";
        private String value;
        private boolean not;

        public String getTest() { return test; }
        public void setTest(String test) { this.test = test == null ? "" : test; }
        public String getValue() { return value; }
        public void setValue(String value) { this.value = value; }
        public boolean isNot() { return not; }
        public void setNot(boolean not) { this.not = not; }
    }

    /** One choice of a test's drop-down: what it posts and what it says. */
    public record Choice(String value, String label) {
    }

    public String getMode() { return mode; }
    public void setMode(String mode) { this.mode = mode == null ? "" : mode; }
    public List<ClauseForm> getClauses() { return clauses; }
    public void setClauses(List<ClauseForm> clauses) { this.clauses = clauses; }

    public boolean isAlways() {
        return mode.isBlank();
    }

    /** The fields showing {@code condition} ("always" for none). */
    public static ConditionForm of(Condition condition) {
        var form = new ConditionForm();
        if (condition == null) {
            return form;
        }
        form.mode = condition.matchOrDefault().name();
        form.clauses = new ArrayList<>();
        for (Clause c : condition.when()) {
            var row = new ClauseForm();
            row.not = c.negates();
            if (c.matter() == MatterField.PRACTICE_AREA) {
                row.test = AREA;
                row.value = c.equals();
            } else if (c.matter() == MatterField.KEY_DATE) {
                row.test = KEY_DATE;
                row.value = c.keyDate();
            } else {
                row.test = test(c.step(), c.outcome(), c.item());
            }
            form.clauses.add(row);
        }
        while (form.clauses.size() < ROWS) {
            form.clauses.add(new ClauseForm());
        }
        return form;
    }

    public static String test(Integer step, String outcome, String item) {
        return STEP + step + ":" + outcome + (item == null ? "" : ":" + item);
    }

    /** The condition the fields describe; null for "always". Tests left empty are left out. */
    public Condition toCondition() {
        if (isAlways()) {
            return null;
        }
        Condition.Match match;
        try {
            match = Condition.Match.valueOf(mode);
        } catch (IllegalArgumentException e) {
            match = Condition.Match.ALL;
        }
        List<Clause> when = new ArrayList<>();
        for (ClauseForm row : clauses == null ? List.<ClauseForm>of() : clauses) {
            if (row == null || row.test.isBlank()) {
                continue;
            }
            Boolean not = row.not ? Boolean.TRUE : null;
            if (row.test.equals(AREA)) {
                when.add(new Clause(null, null, null, null, MatterField.PRACTICE_AREA, blankToNull(row.value), null,
                        not));
            } else if (row.test.equals(KEY_DATE)) {
                when.add(new Clause(null, null, null, null, MatterField.KEY_DATE, null, blankToNull(row.value), not));
            } else {
                String[] parts = row.test.startsWith(STEP) ? row.test.substring(STEP.length()).split(":", 3)
                        : new String[0];
                Integer step = parts.length > 0 ? parse(parts[0]) : null;
                String outcome = parts.length > 1 ? parts[1] : null;
                String item = parts.length > 2 ? parts[2] : null;
                when.add(new Clause(step, null, outcome, item, null, null, null, not));
            }
        }
        return new Condition(match, when);
    }

    /** Points each test at the row it named, now at {@code moved.applyAsInt(old)} (negative: gone). */
    void follow(IntUnaryOperator moved) {
        for (ClauseForm row : clauses) {
            if (row != null && row.test.startsWith(STEP)) {
                String[] parts = row.test.substring(STEP.length()).split(":", 2);
                Integer old = parse(parts[0]);
                int now = old == null ? -1 : moved.applyAsInt(old);
                row.test = now < 0 || parts.length < 2 ? "" : STEP + now + ":" + parts[1];
            }
        }
    }

    private static List<ClauseForm> blank() {
        List<ClauseForm> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(new ClauseForm());
        }
        return rows;
    }

    private static Integer parse(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
