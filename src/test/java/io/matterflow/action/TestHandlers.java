package io.matterflow.action;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

import io.matterflow.action.internal.ApprovalLawyerHandler;
import io.matterflow.action.internal.ChecklistHandler;
import io.matterflow.action.internal.DocumentRequestHandler;
import io.matterflow.action.internal.MockESignatureProvider;
import io.matterflow.action.internal.MockPaymentProvider;
import io.matterflow.action.internal.PaymentClientHandler;
import io.matterflow.action.internal.SignatureClientHandler;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Role;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

/** Handlers built without Spring, plus small builders for configs and contexts. */
final class TestHandlers {

    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    static final UUID ORG = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    static final UUID MATTER = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    static final UUID INSTANCE = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
    static final UUID STEP = UUID.fromString("00000000-0000-0000-0000-0000000000d1");
    static final UUID CLIENT = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
    static final UUID LAWYER = UUID.fromString("00000000-0000-0000-0000-0000000000f1");
    static final Instant NOW = Instant.parse("2025-03-14T09:26:53Z");

    private TestHandlers() {
    }

    static ApprovalLawyerHandler approval() {
        return new ApprovalLawyerHandler(VALIDATOR);
    }

    static SignatureClientHandler signature(ESignatureProvider... providers) {
        return new SignatureClientHandler(VALIDATOR,
                providers.length == 0 ? List.of(new MockESignatureProvider(java.time.Clock.systemUTC())) : List.of(providers));
    }

    static DocumentRequestHandler documentRequest(DocumentLookup lookup) {
        return documentRequest(lookup, org -> false);
    }

    static DocumentRequestHandler documentRequest(DocumentLookup lookup, ScanRequirement scans) {
        return new DocumentRequestHandler(VALIDATOR, lookup, scans);
    }

    static DocumentRequestHandler documentRequest() {
        return documentRequest(lookup((org, id) -> Optional.empty()));
    }

    /** Documents found by {@code find}; marking them submitted marks every one named. */
    static DocumentLookup lookup(BiFunction<UUID, UUID, Optional<DocumentInfo>> find) {
        return new DocumentLookup() {
            @Override
            public Optional<DocumentInfo> find(UUID orgId, UUID documentId) {
                return find.apply(orgId, documentId);
            }

            @Override
            public int markSubmitted(UUID orgId, UUID stepId, Collection<UUID> documentIds, Instant at) {
                return documentIds.size();
            }
        };
    }

    static PaymentClientHandler payment(PaymentProvider... providers) {
        return new PaymentClientHandler(VALIDATOR,
                providers.length == 0 ? List.of(new MockPaymentProvider(java.time.Clock.systemUTC())) : List.of(providers));
    }

    static ChecklistHandler checklist() {
        return new ChecklistHandler(VALIDATOR);
    }

    static List<ActionHandler<?>> defaults() {
        return List.of(approval(), signature(), documentRequest(), payment(), checklist());
    }

    static ActionHandler<?> handler(ActionType type) {
        return defaults().stream().filter(h -> h.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no built-in handler for " + type));
    }

    /** The built-in types, for parameterized tests: {@code @MethodSource(TestHandlers.TYPES)}. */
    static final String TYPES = "io.matterflow.action.TestHandlers#types";

    static List<ActionType> types() {
        return ActionType.builtIn();
    }

    /** A JSON-like map that keeps order and allows null values: map("a", 1, "b", null). */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static Actor lawyer() {
        return Actor.user(LAWYER, ORG, Role.LAWYER, "Lou Lawyer");
    }

    static Actor client() {
        return Actor.user(CLIENT, ORG, Role.CLIENT, "Cleo Client");
    }

    static Actor provider(String name) {
        return Actor.provider(ORG, name);
    }

    static <C> ActionContext<C> context(ActionType type, C config, ActionState state, Actor actor, UUID clientId) {
        return new ActionContext<>(STEP, INSTANCE, MATTER, ORG, type, config, new HashMap<>(), state, actor, clientId,
                NOW);
    }

    static <C> ActionContext<C> context(ActionType type, C config, ActionState state, Actor actor) {
        return context(type, config, state, actor, CLIENT);
    }
}
