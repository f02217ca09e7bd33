package io.matterflow.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.matterflow.MatterflowApplication;
import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.common.MatterflowException;
import io.matterflow.condition.Clause;
import io.matterflow.condition.Condition;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.StepDefinition;
import io.matterflow.template.Templates;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The readiness invariant under random templates and random sequences of instance edits and step transitions,
 * through the real services on an embedded database: after every operation, accepted or refused,
 * <ul>
 * <li>no step behind an unfinished required step is READY, IN_PROGRESS or BLOCKED (nor claimed);</li>
 * <li>while the instance is ACTIVE and not finished, every PENDING step with no unfinished required step before it
 * is READY (the instantiation rule, re-planned);</li>
 * <li>a step with a condition is READY, held or COMPLETED only once every step the condition names has ended and
 * the condition holds; one the engine skipped for its condition has a false condition; and a PENDING step with nothing
 * unfinished before it is waiting for a step its condition names;</li>
 * <li>a refused operation changed nothing.</li>
 * </ul>
 */
class ReadinessPropertyTests {

    private static ConfigurableApplicationContext context;
    private static Instances instances;
    private static StepRuntime runtime;
    private static Workflows workflows;
    private static Directory directory;

    @BeforeContainer
    static void start() {
        context = new SpringApplicationBuilder(MatterflowApplication.class).profiles("test")
                .properties("spring.datasource.url=jdbc:h2:mem:readiness-properties;MODE=PostgreSQL;"
                                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                        "server.port=0", "matterflow.demo.seed=NEVER")
                .run();
        instances = context.getBean(Instances.class);
        runtime = context.getBean(StepRuntime.class);
        directory = context.getBean(Directory.class);
        workflows = new Workflows(context.getBean(Templates.class), instances);
    }

    @AfterContainer
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    /**
     * A template step: required or not, performed by lawyers (an approval) or paralegals (a checklist), and, when
     * {@code looksAt} is not negative and the step is not the first, running on a condition about an earlier step's
     * outcome (chosen by {@code outcome} among those the earlier step's type has), turned round by {@code not}.
     */
    record Step(boolean required, boolean lawyer, int looksAt, int outcome, boolean not) {
        StepDefinition definition(int index, List<Step> all) {
            Condition condition = null;
            if (looksAt >= 0 && index > 0) {
                int earlier = looksAt % index;
                List<String> outcomes = all.get(earlier).lawyer()
                        ? List.of("COMPLETED", "SKIPPED", "APPROVED", "REJECTED") : List.of("COMPLETED", "SKIPPED");
                Clause clause = Clause.outcome(earlier, outcomes.get(outcome % outcomes.size()));
                condition = Condition.all(not ? clause.negated() : clause);
            }
            return lawyer
                    ? new StepDefinition("Approval " + index, ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, required,
                    Map.of(), null, null, condition, null)
                    : new StepDefinition("Checklist " + index, ActionType.CHECKLIST, RoleScope.PARALEGAL, required,
                    Map.of(), null, null, condition, null);
        }
    }

    enum Kind {
        CLAIM, UNCLAIM, START, COMPLETE, REJECT, FAIL, BLOCK, UNBLOCK, SKIP, RETRY,
        ADD, MAKE_REQUIRED, MAKE_OPTIONAL, MOVE, REMOVE, REORDER, PAUSE, RESUME
    }

    /** One operation on the step at {@code target} (modulo the number of steps), with {@code to} as a position. */
    record Op(Kind kind, int target, int to, boolean flag) {
    }

    @Provide
    Arbitrary<List<Step>> templates() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                        Arbitraries.integers().between(-3, 5), Arbitraries.integers().between(0, 3),
                        Arbitraries.of(true, false)).as(Step::new)
                .list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 9),
                        Arbitraries.integers().between(0, 9), Arbitraries.of(true, false)).as(Op::new)
                .list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 60, shrinking = ShrinkingMode.BOUNDED)
    void readinessHoldsAfterEveryEditAndTransition(@ForAll("templates") List<Step> template,
                                                   @ForAll("operations") List<Op> operations) {
        TestFirm firm = TestFirm.create(directory);
        List<StepDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < template.size(); i++) {
            definitions.add(template.get(i).definition(i, template));
        }
        var instance = workflows.instance(firm, definitions.toArray(StepDefinition[]::new));
        checkInvariant(instance, "instantiation");
        int added = 0;
        for (Op op : operations) {
            InstanceDetails before = read(firm, instance.id());
            try {
                apply(firm, before, op, added++);
            } catch (MatterflowException refused) {
                assertThat(read(firm, instance.id())).as("a refused %s changed nothing", op).isEqualTo(before);
            }
            checkInvariant(read(firm, instance.id()), op.toString());
        }
    }

    private static InstanceDetails read(TestFirm firm, UUID instanceId) {
        return instances.get(firm.as(firm.admin()), instanceId);
    }

    private static void apply(TestFirm firm, InstanceDetails instance, Op op, int serial) {
        List<StepDetails> steps = instance.steps();
        Actor owner = firm.as(firm.owner());
        if (op.kind() == Kind.ADD) {
            instances.addStep(owner, instance.id(), new Instances.NewStep("Added " + serial,
                    op.flag() ? ActionType.APPROVAL_LAWYER : ActionType.CHECKLIST,
                    op.flag() ? RoleScope.LAWYER : RoleScope.PARALEGAL, op.target() % 2 == 0, Map.of(),
                    op.to() % (steps.size() + 1)));
            return;
        }
        if (op.kind() == Kind.PAUSE || op.kind() == Kind.RESUME) {
            instances.update(owner, instance.id(), null,
                    op.kind() == Kind.PAUSE ? WorkflowStatus.PAUSED : WorkflowStatus.ACTIVE);
            return;
        }
        if (steps.isEmpty()) {
            return;
        }
        StepDetails step = steps.get(op.target() % steps.size());
        Actor performer = firm.as(step.roleScope() == RoleScope.LAWYER ? firm.associate() : firm.paralegal());
        Actor assignee = step.assignedToId() == null ? performer
                : firm.as(directory.findUser(step.assignedToId()).orElseThrow());
        switch (op.kind()) {
            case CLAIM -> runtime.claim(performer, step.id());
            case UNCLAIM -> runtime.unclaim(assignee, step.id());
            case START -> runtime.start(assignee, step.id());
            case COMPLETE -> runtime.complete(assignee, step.id(), step.actionType() == ActionType.APPROVAL_LAWYER
                    ? Map.of("approved", true) : Map.of());
            case REJECT -> runtime.complete(assignee, step.id(), step.actionType() == ActionType.APPROVAL_LAWYER
                    ? Map.of("approved", false, "comment", "Not now") : Map.of());
            case FAIL -> runtime.fail(assignee, step.id(), "Could not be done");
            case BLOCK -> runtime.block(assignee, step.id(), "Waiting for the client");
            case UNBLOCK -> runtime.unblock(assignee, step.id());
            case SKIP -> runtime.skip(firm.as(firm.admin()), step.id(), "Not needed");
            case RETRY -> runtime.retry(owner, step.id());
            case MAKE_REQUIRED, MAKE_OPTIONAL -> instances.editStep(owner, instance.id(), step.id(),
                    new Instances.StepChanges(null, null, op.kind() == Kind.MAKE_REQUIRED, null, null));
            case MOVE -> instances.editStep(owner, instance.id(), step.id(),
                    new Instances.StepChanges(null, null, null, null, op.to() % steps.size()));
            case REMOVE -> instances.removeStep(owner, instance.id(), step.id());
            case REORDER -> {
                List<UUID> ids = new ArrayList<>(steps.stream().map(StepDetails::id).toList());
                java.util.Collections.rotate(ids, op.to());
                instances.reorder(owner, instance.id(), ids);
            }
            default -> throw new IllegalStateException(op.kind().name());
        }
    }

    private static void checkInvariant(InstanceDetails instance, String after) {
        Map<UUID, StepDetails> byId = new java.util.HashMap<>();
        instance.steps().forEach(s -> byId.put(s.id(), s));
        StepDetails waitsFor = null;
        for (StepDetails step : instance.steps()) {
            ActionState state = step.actionState();
            boolean held = state.isActive() || (state == ActionState.READY && step.assignedToId() != null);
            if (waitsFor != null) {
                assertThat(state == ActionState.READY || state.isActive())
                        .as("after %s: step %d (%s) is %s behind the unfinished required step %d (%s)", after,
                                step.order(), step.title(), state, waitsFor.order(), waitsFor.title())
                        .isFalse();
            } else if (instance.status() == WorkflowStatus.ACTIVE && !waitingForNamedSteps(step, byId)) {
                assertThat(state).as("after %s: step %d (%s) has nothing unfinished before it", after, step.order(),
                        step.title()).isNotEqualTo(ActionState.PENDING);
            }
            if (step.condition() != null && (state == ActionState.READY || held || state == ActionState.COMPLETED)) {
                assertThat(waitingForNamedSteps(step, byId))
                        .as("after %s: step %d (%s) is %s before the steps its condition names ended", after,
                                step.order(), step.title(), state).isFalse();
                assertThat(holds(step.condition(), byId))
                        .as("after %s: step %d (%s) is %s though its condition is false", after, step.order(),
                                step.title(), state).isTrue();
            }
            if (Boolean.TRUE.equals(step.actionData().get("skippedByCondition"))) {
                assertThat(holds(step.condition(), byId))
                        .as("after %s: step %d (%s) was skipped though its condition holds", after, step.order(),
                                step.title()).isFalse();
            }
            if (waitsFor == null && step.required() && !state.isDone()) {
                waitsFor = step;
            }
        }
    }

    /** Whether a step the condition names has not ended (COMPLETED or SKIPPED). */
    private static boolean waitingForNamedSteps(StepDetails step, Map<UUID, StepDetails> byId) {
        return step.condition() != null && step.condition().stepIds().stream()
                .map(byId::get).anyMatch(named -> named != null && !named.actionState().isDone());
    }

    /** The condition, evaluated here independently of the engine: one outcome clause, maybe turned round. */
    private static boolean holds(Condition condition, Map<UUID, StepDetails> byId) {
        Clause clause = condition.when().get(0);
        StepDetails named = byId.get(clause.stepId());
        boolean value = named != null && switch (clause.outcome()) {
            case "COMPLETED" -> named.actionState() == ActionState.COMPLETED;
            case "SKIPPED" -> named.actionState() == ActionState.SKIPPED;
            case "APPROVED" -> named.actionState() == ActionState.COMPLETED
                    && Boolean.TRUE.equals(named.actionData().get("approved"));
            case "REJECTED" -> named.actionState() == ActionState.COMPLETED
                    && Boolean.FALSE.equals(named.actionData().get("approved"));
            default -> throw new IllegalStateException(clause.outcome());
        };
        return value != clause.negates();
    }
}
