package io.matterflow.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.matterflow.calendar.DueAnchor;
import io.matterflow.calendar.DueRuleForm;

/** The builder's rows: a due rule's other step, named by its row as submitted, follows that row. */
class TemplateFormTests {

    @Test
    void shouldFollowTheOtherStepWhenRowsAreReordered() {
        var form = form(row("A", 2, null), row("B", 0, null), row("C", 1, 0));

        form.normalizeOrder();

        assertThat(form.getSteps()).extracting(TemplateForm.Row::getTitle).containsExactly("B", "C", "A");
        assertThat(form.getSteps().get(1).getDueRule().getStep()).as("C counts from A").isEqualTo(2);
    }

    @Test
    void shouldNameNoStepWhenTheOtherRowIsRemovedAndRenumberTheRest() {
        var form = form(row("A", 0, null), row("B", 1, 2), row("C", 2, 0), row("D", 3, 0));
        form.normalizeOrder();

        form.remove(0);

        assertThat(form.getSteps()).extracting(TemplateForm.Row::getTitle).containsExactly("B", "C", "D");
        assertThat(form.getSteps()).extracting(TemplateForm.Row::getOrder).containsExactly(0, 1, 2);
        assertThat(form.getSteps()).extracting(r -> r.getDueRule().getStep()).containsExactly(1, null, null);
    }

    @Test
    void shouldOfferEveryOtherRowByNumberAndTitle() {
        var form = form(row("A", 0, null), row(" ", 1, null), row("C", 2, null));

        assertThat(form.otherSteps(1)).containsExactly(new DueRuleForm.StepChoice("0", "Step 1: A"),
                new DueRuleForm.StepChoice("2", "Step 3: C"));
        assertThat(form.otherSteps(0)).extracting(DueRuleForm.StepChoice::label).containsExactly("Step 2", "Step 3: C");
    }

    private static TemplateForm form(TemplateForm.Row... rows) {
        var form = new TemplateForm();
        form.setSteps(new ArrayList<>(List.of(rows)));
        return form;
    }

    private static TemplateForm.Row row(String title, int order, Integer afterStep) {
        var row = new TemplateForm.Row();
        row.setTitle(title);
        row.setOrder(order);
        if (afterStep != null) {
            row.getDueRule().setDue(true);
            row.getDueRule().setAnchor(DueAnchor.STEP_COMPLETED);
            row.getDueRule().setStep(afterStep);
        }
        return row;
    }
}
