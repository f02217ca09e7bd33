package io.matterflow.api;

import static io.matterflow.support.Workflows.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.StepRuntime;
import io.matterflow.support.PostgresTest;
import io.matterflow.support.TestFirm;

/**
 * Races over HTTP on PostgreSQL: for every unordered pair of the execution routes (a route with itself included),
 * 32 requests (16 per route, 32 for a route with itself) are released together at one step. Every answer is a 2xx or
 * a 409 problem; the step's audit events after the setup are a legal serial history of exactly the 2xx answers, each
 * 2xx answer shows the step as that history left it at its version, and the row ends as the history's last event
 * left it. For pairs no serial order can apply twice, exactly one request wins. Five pairs may legally both win, one
 * after the other (claim then skip, start then skip, unclaim then skip, unclaim then start, and claim/unclaim
 * alternately): there each route's winners must follow one another as the state machine allows.
 */
@PostgresTest
@AutoConfigureMockMvc
class RaceTests extends ApiTestSupport {

    private static final int REQUESTS = 32;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(REQUESTS);

    @Autowired
    StepRuntime runtime;

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    enum Route {
        CLAIM, START, COMPLETE, FAIL, SKIP, BLOCK, UNCLAIM;

        String path(UUID stepId) {
            return "/api/workflows/steps/" + stepId + "/" + name().toLowerCase();
        }

        MockHttpServletRequestBuilder request(UUID stepId) {
            var request = post(path(stepId));
            return switch (this) {
                case COMPLETE -> request.contentType(MediaType.APPLICATION_JSON).content("{\"approved\":true}");
                case FAIL, BLOCK, SKIP -> request.contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"race\"}");
                default -> request;
            };
        }

        String auditAction() {
            return "step." + name().toLowerCase();
        }
    }

    /** The state the step is put in before the race: READY and free, READY claimed by the associate, or started by him. */
    enum Setup { READY, CLAIMED, IN_PROGRESS }

    /** Pairs where both routes may win, one after the other; every other pair has exactly one winner. */
    private static final Set<Set<Route>> SERIAL = Set.of(
            Set.of(Route.CLAIM, Route.SKIP), Set.of(Route.CLAIM, Route.UNCLAIM), Set.of(Route.START, Route.SKIP),
            Set.of(Route.START, Route.UNCLAIM), Set.of(Route.SKIP, Route.UNCLAIM));

    /**
     * Where both routes can succeed on their own, that state; where none lets both, the state where the route listed
     * first here can (the other is then refused by the state machine, 409, whatever the order).
     */
    static Setup setupFor(Route a, Route b) {
        Set<Route> pair = EnumSet.of(a, b);
        if (pair.contains(Route.UNCLAIM) && !pair.contains(Route.COMPLETE)) {
            return Setup.CLAIMED; // unclaim × claim/start/fail/skip/block/unclaim
        }
        if (pair.equals(Set.of(Route.CLAIM)) || pair.equals(Set.of(Route.START)) || pair.equals(Set.of(Route.SKIP))
                || pair.equals(Set.of(Route.CLAIM, Route.START)) || pair.equals(Set.of(Route.START, Route.SKIP))) {
            return Setup.READY;
        }
        if (pair.contains(Route.CLAIM)) {
            return Setup.READY; // claim × complete/fail/skip/block: claim can win, the others need IN_PROGRESS
        }
        return Setup.IN_PROGRESS; // start × complete/fail/block, complete/fail/skip/block among themselves, complete × unclaim
    }

    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        Route[] routes = Route.values();
        for (int i = 0; i < routes.length; i++) {
            for (int j = i; j < routes.length; j++) {
                pairs.add(Arguments.of(routes[i], routes[j], setupFor(routes[i], routes[j])));
            }
        }
        return pairs.stream();
    }

    /**
     * Who fires each route: only callers the permission table lets raise it in the setup state, so no answer is 403.
     * Completing is the assignee's (the associate). Claim × start: the owner claims and the associate starts, else one
     * person could claim and then start, two legal wins.
     */
    static List<UserAccount> callers(TestFirm firm, Route route, Route other) {
        boolean claimVsStart = EnumSet.of(route, other).equals(Set.of(Route.CLAIM, Route.START));
        return switch (route) {
            case CLAIM -> claimVsStart ? List.of(firm.owner()) : List.of(firm.owner(), firm.associate());
            case START -> claimVsStart ? List.of(firm.associate()) : List.of(firm.owner(), firm.associate());
            case COMPLETE -> List.of(firm.associate());
            case SKIP -> List.of(firm.admin());
            // claim × unclaim: once the owner claims, the associate may no longer unclaim (403), so only supervisors do
            case UNCLAIM -> other == Route.CLAIM ? List.of(firm.owner(), firm.admin())
                    : List.of(firm.associate(), firm.owner(), firm.admin());
            case FAIL, BLOCK -> List.of(firm.associate(), firm.owner(), firm.admin());
        };
    }

    record Shot(Route route, UserAccount caller) {
    }

    record Answer(Shot shot, int status, String contentType, String body) {
    }

    record Event(String action, String actorId, String fromState, String toState) {
    }

    @ParameterizedTest(name = "{0} x {1} from {2}")
    @MethodSource("pairs")
    void shouldSerializeConcurrentRequestsOnOneStep(Route a, Route b, Setup setup) throws Exception {
        var firm = firm();
        var instance = workflows.instance(firm,
                step("Review", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true),
                step("Sign-off", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true));
        UUID stepId = instance.steps().get(0).id();
        switch (setup) {
            case READY -> {
            }
            case CLAIMED -> runtime.claim(firm.as(firm.associate()), stepId);
            case IN_PROGRESS -> runtime.start(firm.as(firm.associate()), stepId);
        }
        Map<String, Object> before = jdbc.queryForMap(
                "select action_state, assigned_to_id, version from workflow_instance_steps where id = ?", stepId);
        int eventsBefore = events(stepId).size();

        List<Shot> shots = new ArrayList<>();
        for (Route route : a == b ? List.of(a, a) : List.of(a, b)) {
            List<UserAccount> callers = callers(firm, route, route == a ? b : a);
            for (int i = 0; i < REQUESTS / 2; i++) {
                shots.add(new Shot(route, callers.get((i + (route == a ? 0 : 1)) % callers.size())));
            }
        }
        List<Answer> answers = fire(stepId, shots);

        // every answer: one of the winners, or a 409 problem
        List<Answer> wins = answers.stream().filter(x -> x.status() / 100 == 2).toList();
        for (Answer answer : answers) {
            if (answer.status() / 100 != 2) {
                assertThat(answer.status()).as("%s by %s: %s", answer.shot().route(), answer.shot().caller().email(),
                        answer.body()).isEqualTo(409);
                assertThat(MediaType.parseMediaType(answer.contentType()).isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                        .as(answer.contentType()).isTrue();
                assertThat(answer.body()).contains("\"status\":409");
            }
        }
        assertThat(wins).as("winners").isNotEmpty();
        if (!SERIAL.contains(EnumSet.of(a, b))) {
            assertThat(wins).as("winners of %s x %s", a, b).hasSize(1);
        }

        // the step's new audit events: one per winner, the winners' routes, a legal serial history
        List<Event> events = events(stepId);
        List<Event> raced = events.subList(eventsBefore, events.size());
        assertThat(raced).as("audit events").hasSize(wins.size());
        assertThat(raced.stream().map(Event::action).sorted().toList())
                .isEqualTo(wins.stream().map(w -> w.shot().route().auditAction()).sorted().toList());

        long version0 = ((Number) before.get("version")).longValue();
        var model = new Model(ActionState.valueOf((String) before.get("action_state")),
                (UUID) before.get("assigned_to_id"));
        List<Model> history = new ArrayList<>();
        for (Event event : raced) {
            model = model.apply(event);
            history.add(model);
        }

        // each winner saw the step as the history left it at the winner's version
        for (Answer win : wins) {
            long version = ((Number) com.jayway.jsonpath.JsonPath.read(win.body(), "$.version")).longValue();
            int index = (int) (version - version0 - 1);
            assertThat(index).as("version %s of %s", version, win.body()).isBetween(0, history.size() - 1);
            Model at = history.get(index);
            assertThat(raced.get(index).action()).isEqualTo(win.shot().route().auditAction());
            assertThat(raced.get(index).actorId()).isEqualTo(win.shot().caller().id().toString());
            assertThat((String) com.jayway.jsonpath.JsonPath.read(win.body(), "$.actionState")).isEqualTo(at.state().name());
            String assignee = com.jayway.jsonpath.JsonPath.read(win.body(), "$.assignedToId");
            assertThat(assignee).isEqualTo(at.assignee() == null ? null : at.assignee().toString());
        }

        System.out.printf("RACE %s x %s from %s: %d requests, winners %s, 409s %d%n", a, b, setup, answers.size(),
                raced.stream().map(Event::action).toList(), answers.size() - wins.size());

        // the row ends as the last event left it, one version per winner
        Map<String, Object> after = jdbc.queryForMap(
                "select action_state, assigned_to_id, version from workflow_instance_steps where id = ?", stepId);
        assertThat(after.get("action_state")).isEqualTo(model.state().name());
        assertThat(after.get("assigned_to_id")).isEqualTo(model.assignee());
        assertThat(((Number) after.get("version")).longValue()).isEqualTo(version0 + wins.size());
    }

    /** The step as the state machine and the assignment rules move it; refuses any event they would refuse. */
    record Model(ActionState state, UUID assignee) {

        Model apply(Event event) {
            UUID actor = UUID.fromString(event.actorId());
            assertThat(event.fromState()).as("%s from", event.action()).isEqualTo(state.name());
            Model next = switch (event.action()) {
                case "step.claim" -> {
                    assertThat(state).isEqualTo(ActionState.READY);
                    assertThat(assignee).as("claim of a claimed step").isNull();
                    yield new Model(ActionState.READY, actor);
                }
                case "step.unclaim" -> {
                    assertThat(state).isEqualTo(ActionState.READY);
                    assertThat(assignee).as("unclaim of a free step").isNotNull();
                    yield new Model(ActionState.READY, null);
                }
                case "step.start" -> {
                    assertThat(state).isEqualTo(ActionState.READY);
                    assertThat(assignee == null || assignee.equals(actor)).as("start of another's step").isTrue();
                    yield new Model(ActionState.IN_PROGRESS, actor);
                }
                case "step.complete" -> {
                    assertThat(state).isEqualTo(ActionState.IN_PROGRESS);
                    assertThat(actor).isEqualTo(assignee);
                    yield new Model(ActionState.COMPLETED, assignee);
                }
                case "step.fail" -> {
                    assertThat(state).isEqualTo(ActionState.IN_PROGRESS);
                    yield new Model(ActionState.FAILED, assignee);
                }
                case "step.block" -> {
                    assertThat(state).isEqualTo(ActionState.IN_PROGRESS);
                    yield new Model(ActionState.BLOCKED, assignee);
                }
                case "step.skip" -> {
                    assertThat(state).isIn(ActionState.READY, ActionState.IN_PROGRESS);
                    yield new Model(ActionState.SKIPPED, assignee);
                }
                default -> throw new AssertionError("unexpected event " + event);
            };
            assertThat(event.toState()).as("%s to", event.action()).isEqualTo(next.state().name());
            return next;
        }
    }

    private List<Answer> fire(UUID stepId, List<Shot> shots) throws Exception {
        CountDownLatch ready = new CountDownLatch(shots.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> futures = new ArrayList<>();
        for (Shot shot : shots) {
            futures.add(POOL.submit(() -> {
                var request = shot.route().request(stepId).with(as(shot.caller()));
                ready.countDown();
                go.await();
                MvcResult result = mvc.perform(request).andReturn();
                var response = result.getResponse();
                return new Answer(shot, response.getStatus(), String.valueOf(response.getContentType()),
                        response.getContentAsString());
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> future : futures) {
            answers.add(future.get(60, TimeUnit.SECONDS));
        }
        return answers;
    }

    private List<Event> events(UUID stepId) {
        return jdbc.query("select action, actor_id, from_state, to_state from audit_events where entity_id = ?"
                        + " order by seq",
                (rs, n) -> new Event(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), stepId);
    }
}
