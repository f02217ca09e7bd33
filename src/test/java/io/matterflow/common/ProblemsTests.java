package io.matterflow.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A conflict's details never overwrite the problem detail's own members (a 409 once answered "status": "CANCELED"). */
class ProblemsTests {

    @ParameterizedTest
    @ValueSource(strings = {"type", "title", "status", "detail", "instance"})
    void shouldRefuseDetailsNamedLikeAProblemsMembers(String member) {
        assertThatThrownBy(() -> new ConflictException("Conflict", "no", Map.of(member, "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(member);
    }

    @ParameterizedTest
    @ValueSource(strings = {"instanceStatus", "state", "allowedEvents"})
    void shouldKeepOtherDetails(String name) {
        assertThat(new ConflictException("Conflict", "no", Map.of(name, "x")).details()).containsEntry(name, "x");
    }
}
