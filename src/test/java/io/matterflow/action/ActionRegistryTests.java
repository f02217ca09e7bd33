package io.matterflow.action;

import static io.matterflow.action.TestHandlers.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.matterflow.action.internal.PaymentConfig;
import io.matterflow.common.FieldError;
import io.matterflow.common.Json;
import io.matterflow.support.StubActionHandler;

class ActionRegistryTests {

    private final ActionRegistry registry = new ActionRegistry(TestHandlers.defaults());

    /** A stand-in handler of a chosen type that accepts any config. */
    private static ActionHandler<Map<String, ?>> stub(ActionType type) {
        return new StubActionHandler(type);
    }

    @Test
    void shouldRegisterAllFiveDefaultsInTheirOrder() {
        assertThat(registry.types()).containsExactlyElementsOf(ActionType.builtIn());
    }

    @ParameterizedTest
    @MethodSource(TestHandlers.TYPES)
    void shouldReturnHandlerOfEachType(ActionType type) {
        assertThat(registry.handler(type).type()).isEqualTo(type);
    }

    @Test
    void shouldRefuseTypeWithoutHandler() {
        ActionRegistry partial = new ActionRegistry(List.of(TestHandlers.checklist()));

        assertThat(partial.types()).containsExactly(ActionType.CHECKLIST);
        assertThatThrownBy(() -> partial.handler(ActionType.PAYMENT_CLIENT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PAYMENT_CLIENT");
    }

    @Test
    void shouldReplaceHandlerOnRegister() {
        ActionHandler<Map<String, ?>> replacement = stub(ActionType.CHECKLIST);

        registry.register(ActionType.CHECKLIST, replacement);

        assertThat(registry.handler(ActionType.CHECKLIST)).isSameAs(replacement);
        assertThat(registry.types()).hasSize(ActionType.builtIn().size());
    }

    @Test
    void shouldAddHandlerOnRegister() {
        ActionRegistry partial = new ActionRegistry(List.of());

        partial.register(ActionType.APPROVAL_LAWYER, TestHandlers.approval());

        assertThat(partial.types()).containsExactly(ActionType.APPROVAL_LAWYER);
    }

    @Test
    void shouldRefuseHandlerRegisteredUnderWrongType() {
        ActionHandler<Object> original = registry.handler(ActionType.PAYMENT_CLIENT);

        assertThatThrownBy(() -> registry.register(ActionType.PAYMENT_CLIENT, stub(ActionType.CHECKLIST)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CHECKLIST")
                .hasMessageContaining("PAYMENT_CLIENT");
        assertThat(registry.handler(ActionType.PAYMENT_CLIENT)).isSameAs(original);
    }

    @Test
    void shouldRegisterEachDefaultUnderItsOwnType() {
        // Defaults are keyed by their own type(), so a non-default handler can be a default too.
        ActionRegistry fromDefaults = new ActionRegistry(List.of(stub(ActionType.SIGNATURE_CLIENT)));

        assertThat(fromDefaults.types()).containsExactly(ActionType.SIGNATURE_CLIENT);
    }

    @Test
    void shouldKeepPaymentAmountScaleInStoredConfig() throws Exception {
        Map<String, Object> stored = registry.validateConfig(ActionType.PAYMENT_CLIENT,
                map("amount", new BigDecimal("1500.00"), "currency", "USD"));

        assertThat(stored.get("amount")).isInstanceOf(BigDecimal.class);
        assertThat((BigDecimal) stored.get("amount")).hasScaleOf(2).isEqualByComparingTo("1500");
        assertThat(Json.MAPPER.writeValueAsString(stored)).contains("\"amount\":1500.00");
    }

    @Test
    void shouldOmitNullFieldsFromStoredConfig() {
        Map<String, Object> stored = registry.validateConfig(ActionType.PAYMENT_CLIENT,
                map("amount", new BigDecimal("1500.00"), "currency", "USD", "provider", null));

        assertThat(stored).containsOnlyKeys("amount", "currency");
    }

    @Test
    void shouldStoreEnumsAsNames() {
        Map<String, Object> stored = registry.validateConfig(ActionType.APPROVAL_LAWYER,
                map("approverRole", "LAWYER", "message", null));

        assertThat(stored).isEqualTo(Map.of("approverRole", "LAWYER"));
    }

    @Test
    void shouldStoreEmptyConfigForNull() {
        assertThat(registry.validateConfig(ActionType.CHECKLIST, null)).isEmpty();
    }

    @Test
    void shouldStoreListsAsGiven() {
        Map<String, Object> stored = registry.validateConfig(ActionType.REQUEST_DOC_CLIENT,
                map("requestText", "Upload your ID", "acceptedTypes", List.of(".pdf", "image/*")));

        assertThat(stored).isEqualTo(Map.of("requestText", "Upload your ID", "acceptedTypes", List.of(".pdf", "image/*")));
    }

    @Test
    void shouldRefuseInvalidConfigWithItsType() {
        InvalidActionConfigException e = catchThrowableOfType(InvalidActionConfigException.class,
                () -> registry.validateConfig(ActionType.PAYMENT_CLIENT, map("amount", 0, "currency", "USD")));

        assertThat(e.type()).isEqualTo(ActionType.PAYMENT_CLIENT);
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("amount");
    }

    @Test
    void shouldParseStoredConfigBackToTheSameRecord() {
        Map<String, Object> raw = map("amount", new BigDecimal("1500.00"), "currency", "USD");
        Map<String, Object> stored = registry.validateConfig(ActionType.PAYMENT_CLIENT, raw);

        Object parsed = registry.parseConfig(ActionType.PAYMENT_CLIENT, stored);

        assertThat(parsed).isEqualTo(new PaymentConfig(new BigDecimal("1500.00"), "USD", null));
    }

    @Test
    void shouldParseStoredConfigThroughReplacedHandler() {
        registry.register(ActionType.CHECKLIST, stub(ActionType.CHECKLIST));

        assertThat(registry.parseConfig(ActionType.CHECKLIST, map("anything", 1))).isEqualTo(map("anything", 1));
    }

    @Test
    void shouldListAPluggedInTypeAfterTheBuiltInOnes() {
        ActionType notarization = ActionType.of("NOTARIZATION_LAWYER");
        List<ActionHandler<?>> handlers = new java.util.ArrayList<>(List.of(stub(notarization)));
        handlers.addAll(TestHandlers.defaults());

        ActionRegistry withPlugIn = new ActionRegistry(handlers);

        assertThat(withPlugIn.types()).endsWith(notarization).startsWith(ActionType.APPROVAL_LAWYER).hasSize(6);
        assertThat(withPlugIn.isRegistered(ActionType.of("NOTARIZATION_LAWYER"))).isTrue();
        assertThat(registry.isRegistered(notarization)).isFalse();
        assertThat(registry.find(notarization)).isEmpty();
    }

    @Test
    void shouldRefuseATypeWhoseNameCannotBeStored() {
        for (String name : List.of("notarization", "NOTARIZATION-LAWYER", "_X", "X__Y", "X".repeat(33))) {
            assertThatThrownBy(() -> registry.register(ActionType.of(name), stub(ActionType.of(name))))
                    .as(name).isInstanceOf(IllegalArgumentException.class);
        }
        registry.register(ActionType.of("X".repeat(32)), stub(ActionType.of("X".repeat(32))));
    }

    @Test
    void shouldNameTheFieldAndTheRegisteredTypesForAnUnknownType() {
        assertThat(registry.unknown("steps[0].actionType")).isEqualTo(new FieldError("steps[0].actionType",
                "must be one of [APPROVAL_LAWYER, SIGNATURE_CLIENT, REQUEST_DOC_CLIENT, PAYMENT_CLIENT, CHECKLIST]"));
    }

    @Test
    void shouldDescribeEveryRegisteredConfigInTheirOrder() {
        assertThat(registry.configDescription()).isEqualTo("The action's settings, by `actionType`:"
                + " APPROVAL_LAWYER `{approverRole?: LAWYER|ADMIN, message?}`;"
                + " SIGNATURE_CLIENT `{documentId, provider?}`;"
                + " REQUEST_DOC_CLIENT `{requestText, acceptedTypes?: [MIME type or .extension]}`;"
                + " PAYMENT_CLIENT `{amount, currency (ISO 4217), provider?}`;"
                + " CHECKLIST `{items?: [string]}`.");

        registry.register(ActionType.of("STAMP"), stub(ActionType.of("STAMP")));

        assertThat(registry.configDescription()).endsWith(" CHECKLIST `{items?: [string]}`; STAMP `{}`.");
    }

    @Test
    void shouldLabelATypeByItsHandler() {
        assertThat(registry.label(ActionType.APPROVAL_LAWYER)).isEqualTo("Lawyer approval");
        assertThat(registry.label(ActionType.of("NOTARIZATION_LAWYER"))).isEqualTo("Notarization lawyer");
    }
}
