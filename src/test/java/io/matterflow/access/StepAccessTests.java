package io.matterflow.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.matterflow.action.ActionEvent;
import io.matterflow.action.RoleScope;
import io.matterflow.common.ConflictException;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.NotFoundException;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.MatterMembersChanged;
import io.matterflow.directory.MatterStatus;
import io.matterflow.directory.Role;

/**
 * The step permission table on its own, without Spring or a database: for a step of every role scope, every event,
 * every kind of caller and every relation of the caller to the step (free, the caller's own, someone else's), the
 * answer of the checks the runtime makes in this order: visible (else 404), {@code checkRole} (else 403), then, once
 * the state machine allowed the event, {@code checkAssignment} (403, or 409 for a lost race). The state machine is
 * not part of it: every event is asked of every step whatever its state.
 * <p>
 * The matter: an owner (lawyer), an associate and a deactivated lawyer ({@code FORMER}) on it, a paralegal on it, its
 * client and a second client member ({@code COCLIENT}); the firm's admin is on no matter; {@code OUTSIDER} is a
 * lawyer of the firm who is not on it, {@code OTHER_ORG} another firm's admin, {@code SYSTEM} the engine and
 * {@code PROVIDER} a provider's webhook.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepAccessTests {

    enum Caller { ADMIN, OWNER, ASSOCIATE, OUTSIDER, PARALEGAL, CLIENT, FORMER, OTHER_ORG, SYSTEM, PROVIDER }

    static final List<String> CALLERS = Arrays.stream(Caller.values()).map(Enum::name).toList();

    /** FREE: nobody has the step; OWN: the caller has it; OTHER: another performer of its scope has it. */
    enum Relation { FREE, OWN, OTHER }

    /**
     * ok = allowed; 403 not permitted; 409 a lost race (claimed by someone else); 404 the caller may not see the
     * step; "-" where the relation cannot be (the engine and providers are never a step's assignee).
     */
    static final String LAWYER_STEP = """
            event      relation  ADMIN OWNER ASSOCIATE OUTSIDER PARALEGAL CLIENT FORMER OTHER_ORG SYSTEM PROVIDER
            READY      FREE        403   403       403      404       403    403    403       404     ok      403
            READY      OWN         403   403       403      404       403    403    403       404      -        -
            READY      OTHER       403   403       403      404       403    403    403       404     ok      403
            CLAIM      FREE        403    ok        ok      404       403    403    403       404    403      403
            CLAIM      OWN         403   409       409      404       403    403    403       404      -        -
            CLAIM      OTHER       403   409       409      404       403    403    403       404    403      403
            UNCLAIM    FREE        409   409       409      404       403    403    403       404    403      403
            UNCLAIM    OWN          ok    ok        ok      404        ok     ok     ok       404      -        -
            UNCLAIM    OTHER        ok    ok       403      404       403    403    403       404    403      403
            START      FREE        403    ok        ok      404       403    403    403       404    403      403
            START      OWN         403    ok        ok      404       403    403    403       404      -        -
            START      OTHER       403   409       409      404       403    403    403       404    403      403
            COMPLETE   FREE        403    ok        ok      404       403    403    403       404    403       ok
            COMPLETE   OWN         403    ok        ok      404       403    403    403       404      -        -
            COMPLETE   OTHER       403   403       403      404       403    403    403       404    403       ok
            FAIL       FREE         ok    ok       403      404       403    403    403       404    403       ok
            FAIL       OWN          ok    ok        ok      404        ok     ok     ok       404      -        -
            FAIL       OTHER        ok    ok       403      404       403    403    403       404    403       ok
            BLOCK      FREE         ok    ok       403      404       403    403    403       404    403      403
            BLOCK      OWN          ok    ok        ok      404        ok     ok     ok       404      -        -
            BLOCK      OTHER        ok    ok       403      404       403    403    403       404    403      403
            UNBLOCK    FREE         ok    ok       403      404       403    403    403       404    403      403
            UNBLOCK    OWN          ok    ok        ok      404        ok     ok     ok       404      -        -
            UNBLOCK    OTHER        ok    ok       403      404       403    403    403       404    403      403
            SKIP       FREE         ok   403       403      404       403    403    403       404    403      403
            SKIP       OWN          ok   403       403      404       403    403    403       404      -        -
            SKIP       OTHER        ok   403       403      404       403    403    403       404    403      403
            RETRY      FREE         ok    ok       403      404       403    403    403       404    403      403
            RETRY      OWN          ok    ok       403      404       403    403    403       404      -        -
            RETRY      OTHER        ok    ok       403      404       403    403    403       404    403      403
            AUTO_SKIP  FREE        403   403       403      404       403    403    403       404     ok      403
            AUTO_SKIP  OWN         403   403       403      404       403    403    403       404      -        -
            AUTO_SKIP  OTHER       403   403       403      404       403    403    403       404     ok      403
            WITHDRAW   FREE        403   403       403      404       403    403    403       404     ok      403
            WITHDRAW   OWN         403   403       403      404       403    403    403       404      -        -
            WITHDRAW   OTHER       403   403       403      404       403    403    403       404     ok      403
            ASSIGN     FREE         ok    ok        ok      404       403    403    403       404    403      403
            ASSIGN     OWN          ok    ok        ok      404       403    403    403       404      -        -
            ASSIGN     OTHER        ok    ok        ok      404       403    403    403       404    403      403
            RELEASE    FREE         ok   403       403      404       403    403    403       404     ok      403
            RELEASE    OWN          ok   403       403      404       403    403    403       404      -        -
            RELEASE    OTHER        ok   403       403      404       403    403    403       404     ok      403
            """;

    /**
     * A client step: only the matter's clients perform it (not the admin, not its owner); the owner and the admin
     * still supervise it (fail, block, unblock, unclaim, retry; skip is the admin's) and assign it.
     */
    static final String CLIENT_STEP = """
            event      relation  ADMIN OWNER ASSOCIATE OUTSIDER PARALEGAL CLIENT FORMER OTHER_ORG SYSTEM PROVIDER
            READY      FREE        403   403       403      404       403    403    403       404     ok      403
            READY      OWN         403   403       403      404       403    403    403       404      -        -
            READY      OTHER       403   403       403      404       403    403    403       404     ok      403
            CLAIM      FREE        403   403       403      404       403     ok    403       404    403      403
            CLAIM      OWN         403   403       403      404       403    409    403       404      -        -
            CLAIM      OTHER       403   403       403      404       403    409    403       404    403      403
            UNCLAIM    FREE        409   409       403      404       403    409    403       404    403      403
            UNCLAIM    OWN          ok    ok        ok      404        ok     ok     ok       404      -        -
            UNCLAIM    OTHER        ok    ok       403      404       403    403    403       404    403      403
            START      FREE        403   403       403      404       403     ok    403       404    403      403
            START      OWN         403   403       403      404       403     ok    403       404      -        -
            START      OTHER       403   403       403      404       403    409    403       404    403      403
            COMPLETE   FREE        403   403       403      404       403     ok    403       404    403       ok
            COMPLETE   OWN         403   403       403      404       403     ok    403       404      -        -
            COMPLETE   OTHER       403   403       403      404       403    403    403       404    403       ok
            FAIL       FREE         ok    ok       403      404       403    403    403       404    403       ok
            FAIL       OWN          ok    ok        ok      404        ok     ok     ok       404      -        -
            FAIL       OTHER        ok    ok       403      404       403    403    403       404    403       ok
            BLOCK      FREE         ok    ok       403      404       403    403    403       404    403      403
            BLOCK      OWN          ok    ok        ok      404        ok     ok     ok       404      -        -
            BLOCK      OTHER        ok    ok       403      404       403    403    403       404    403      403
            UNBLOCK    FREE         ok    ok       403      404       403    403    403       404    403      403
            UNBLOCK    OWN          ok    ok        ok      404        ok     ok     ok       404      -        -
            UNBLOCK    OTHER        ok    ok       403      404       403    403    403       404    403      403
            SKIP       FREE         ok   403       403      404       403    403    403       404    403      403
            SKIP       OWN          ok   403       403      404       403    403    403       404      -        -
            SKIP       OTHER        ok   403       403      404       403    403    403       404    403      403
            RETRY      FREE         ok    ok       403      404       403    403    403       404    403      403
            RETRY      OWN          ok    ok       403      404       403    403    403       404      -        -
            RETRY      OTHER        ok    ok       403      404       403    403    403       404    403      403
            AUTO_SKIP  FREE        403   403       403      404       403    403    403       404     ok      403
            AUTO_SKIP  OWN         403   403       403      404       403    403    403       404      -        -
            AUTO_SKIP  OTHER       403   403       403      404       403    403    403       404     ok      403
            WITHDRAW   FREE        403   403       403      404       403    403    403       404     ok      403
            WITHDRAW   OWN         403   403       403      404       403    403    403       404      -        -
            WITHDRAW   OTHER       403   403       403      404       403    403    403       404     ok      403
            ASSIGN     FREE         ok    ok        ok      404       403    403    403       404    403      403
            ASSIGN     OWN          ok    ok        ok      404       403    403    403       404      -        -
            ASSIGN     OTHER        ok    ok        ok      404       403    403    403       404    403      403
            RELEASE    FREE         ok   403       403      404       403    403    403       404     ok      403
            RELEASE    OWN          ok   403       403      404       403    403    403       404      -        -
            RELEASE    OTHER        ok   403       403      404       403    403    403       404     ok      403
            """;

    /** Who performs a step of each scope: CLAIM on a free step, by caller (the other events follow the tables). */
    static final String CLAIM_BY_SCOPE = """
            scope      ADMIN OWNER ASSOCIATE OUTSIDER PARALEGAL CLIENT FORMER OTHER_ORG SYSTEM PROVIDER
            ADMIN         ok   403       403      404       403    403    403       404    403      403
            LAWYER       403    ok        ok      404       403    403    403       404    403      403
            PARALEGAL    403   403       403      404        ok    403    403       404    403      403
            CLIENT       403   403       403      404       403     ok    403       404    403      403
            """;

    private final UUID org = UUID.randomUUID();
    private final UUID otherOrg = UUID.randomUUID();
    private final UUID matterId = UUID.randomUUID();
    private final UUID admin = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();
    private final UUID associate = UUID.randomUUID();
    private final UUID outsider = UUID.randomUUID();
    private final UUID paralegal = UUID.randomUUID();
    private final UUID client = UUID.randomUUID();
    private final UUID coClient = UUID.randomUUID();
    private final UUID former = UUID.randomUUID();
    private final UUID otherAdmin = UUID.randomUUID();

    /** The directory as the matter's people see it: one for all the tests, since a mock is costly to make. */
    private final Directory directory = mock(Directory.class);
    private StepAccess access;

    @BeforeAll
    void matter() {
        List<MatterDetails.Member> members = List.of(new MatterDetails.Member(associate, Role.LAWYER),
                new MatterDetails.Member(former, Role.LAWYER), new MatterDetails.Member(paralegal, Role.PARALEGAL),
                new MatterDetails.Member(coClient, Role.CLIENT));
        when(directory.matter(org, matterId)).thenReturn(new MatterDetails(matterId, org, "M-1", "Acme v. Widget",
                owner, client, members, MatterStatus.OPEN, null, Instant.now()));
        when(directory.userIdsWithRole(org, Role.ADMIN)).thenReturn(List.of(admin));
        when(directory.activeAmong(eq(org), anyCollection())).thenAnswer(call -> {
            Set<UUID> active = new HashSet<>(call.<Collection<UUID>>getArgument(1));
            active.remove(former);
            return active;
        });
    }

    /** A fresh cache for every test. */
    @BeforeEach
    void access() {
        clearInvocations(directory);
        access = new StepAccess(directory, new AccessProperties(100, Duration.ofMinutes(5)));
    }

    @ParameterizedTest(name = "LAWYER step: {0} {1} -> {2}")
    @MethodSource
    void shouldDecideEveryEventOnALawyerStep(ActionEvent event, Relation relation, List<String> expected) {
        assertThat(row(RoleScope.LAWYER, event, relation)).as("%s %s by %s", event, relation, CALLERS)
                .isEqualTo(expected);
    }

    static Stream<Arguments> shouldDecideEveryEventOnALawyerStep() {
        return table(LAWYER_STEP);
    }

    @ParameterizedTest(name = "CLIENT step: {0} {1} -> {2}")
    @MethodSource
    void shouldLeaveAClientStepToTheClientsAndItsSupervisors(ActionEvent event, Relation relation,
                                                             List<String> expected) {
        assertThat(row(RoleScope.CLIENT, event, relation)).as("%s %s by %s", event, relation, CALLERS)
                .isEqualTo(expected);
    }

    static Stream<Arguments> shouldLeaveAClientStepToTheClientsAndItsSupervisors() {
        return table(CLIENT_STEP);
    }

    @ParameterizedTest(name = "{0} step claimed -> {1}")
    @MethodSource
    void shouldLetEachScopesPeopleAndNobodyElseClaimIt(RoleScope scope, List<String> expected) {
        assertThat(row(scope, ActionEvent.CLAIM, Relation.FREE)).as("CLAIM of a free %s step by %s", scope, CALLERS)
                .isEqualTo(expected);
    }

    static Stream<Arguments> shouldLetEachScopesPeopleAndNobodyElseClaimIt() {
        return rows(CLAIM_BY_SCOPE, 1).map(r -> Arguments.of(RoleScope.valueOf(r.get(0)), r.subList(1, r.size())));
    }

    @Test
    void shouldResolveEachScopeToTheMattersActivePeopleAndTheFirmsAdmins() {
        assertThat(access.resolveEligibleActors(null, step(RoleScope.ADMIN, null))).containsExactly(admin);
        assertThat(access.resolveEligibleActors(null, step(RoleScope.LAWYER, null)))
                .containsExactlyInAnyOrder(owner, associate);
        assertThat(access.resolveEligibleActors(null, step(RoleScope.PARALEGAL, null))).containsExactly(paralegal);
        assertThat(access.resolveEligibleActors(null, step(RoleScope.CLIENT, null)))
                .containsExactlyInAnyOrder(client, coClient);
        assertThat(access.matterClientId(step(RoleScope.CLIENT, null))).isEqualTo(client);
    }

    @Test
    void shouldReadTheMattersPeopleOnceUntilTheyChange() {
        StepRef step = step(RoleScope.LAWYER, null);
        access.resolveEligibleActors(null, step);
        access.canSee(step, actor(Caller.PARALEGAL));
        verify(directory, times(1)).matter(org, matterId);

        access.on(new MatterMembersChanged(matterId, org));
        access.resolveEligibleActors(null, step);
        verify(directory, times(2)).matter(org, matterId);

        access.invalidateAll();
        access.resolveEligibleActors(null, step);
        verify(directory, times(3)).matter(any(), any());
    }

    /** The tables cover every event and every caller, each row once, in the order of the enums. */
    @Test
    void shouldCoverEveryEventCallerAndRelation() {
        for (String table : List.of(LAWYER_STEP, CLIENT_STEP)) {
            List<String> expected = Arrays.stream(ActionEvent.values()).flatMap(e -> Arrays.stream(Relation.values())
                    .map(r -> e + " " + r)).toList();
            assertThat(lines(table).stream().skip(1).map(l -> String.join(" ", Arrays.asList(l.split("\\s+"))
                    .subList(0, 2)))).containsExactlyElementsOf(expected);
        }
        assertThat(lines(CLAIM_BY_SCOPE).stream().skip(1).map(l -> l.split("\\s+")[0]))
                .containsExactlyElementsOf(Arrays.stream(RoleScope.values()).map(Enum::name).toList());
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The answers to every caller, in the order of the columns. */
    private List<String> row(RoleScope scope, ActionEvent event, Relation relation) {
        return Arrays.stream(Caller.values()).map(caller -> decide(scope, event, relation, caller)).toList();
    }

    /** The runtime's checks in its order; "-" where the caller cannot hold the step. */
    private String decide(RoleScope scope, ActionEvent event, Relation relation, Caller caller) {
        Actor actor = actor(caller);
        if (relation == Relation.OWN && !actor.isUser()) {
            return "-";
        }
        StepRef step = step(scope, switch (relation) {
            case FREE -> null;
            case OWN -> actor.userId();
            case OTHER -> otherPerformer(scope, caller);
        });
        try {
            access.requireVisible(step, actor);
            access.checkRole(step, actor, event);
            access.checkAssignment(step, actor, event);
            return "ok";
        } catch (NotFoundException e) {
            return "404";
        } catch (ForbiddenException e) {
            return "403";
        } catch (ConflictException e) {
            return "409";
        }
    }

    /** A performer of the scope who is not the caller. */
    private UUID otherPerformer(RoleScope scope, Caller caller) {
        return switch (scope) {
            case ADMIN -> caller == Caller.ADMIN ? UUID.randomUUID() : admin;
            case LAWYER -> caller == Caller.ASSOCIATE ? owner : associate;
            case PARALEGAL -> caller == Caller.PARALEGAL ? UUID.randomUUID() : paralegal;
            case CLIENT -> caller == Caller.CLIENT ? coClient : client;
        };
    }

    private StepRef step(RoleScope scope, UUID assignee) {
        return new StepRef(UUID.randomUUID(), UUID.randomUUID(), matterId, org, scope, assignee);
    }

    private Actor actor(Caller caller) {
        return switch (caller) {
            case ADMIN -> Actor.user(admin, org, Role.ADMIN, "Admin");
            case OWNER -> Actor.user(owner, org, Role.LAWYER, "Owner");
            case ASSOCIATE -> Actor.user(associate, org, Role.LAWYER, "Associate");
            case OUTSIDER -> Actor.user(outsider, org, Role.LAWYER, "Outsider");
            case PARALEGAL -> Actor.user(paralegal, org, Role.PARALEGAL, "Paralegal");
            case CLIENT -> Actor.user(client, org, Role.CLIENT, "Client");
            case FORMER -> Actor.user(former, org, Role.LAWYER, "Former");
            case OTHER_ORG -> Actor.user(otherAdmin, otherOrg, Role.ADMIN, "Other admin");
            case SYSTEM -> Actor.system(org);
            case PROVIDER -> Actor.provider(org, "mock");
        };
    }

    /** (event, relation, the answers to every caller) for every row of a step table. */
    private static Stream<Arguments> table(String table) {
        return rows(table, 2).map(r -> Arguments.of(ActionEvent.valueOf(r.get(0)), Relation.valueOf(r.get(1)),
                r.subList(2, r.size())));
    }

    /** The rows of a table whose first {@code keys} columns name the row and the others are every caller's. */
    private static Stream<List<String>> rows(String table, int keys) {
        List<String> lines = lines(table);
        List<String> header = Arrays.asList(lines.get(0).split("\\s+"));
        if (!header.subList(keys, header.size()).equals(CALLERS)) {
            throw new IllegalStateException("the columns must be every caller in order: " + header);
        }
        return lines.stream().skip(1).map(line -> {
            List<String> row = Arrays.asList(line.split("\\s+"));
            if (row.size() != header.size()) {
                throw new IllegalStateException("row has " + row.size() + " cells: " + line);
            }
            return row;
        });
    }

    private static List<String> lines(String table) {
        return table.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
