package io.matterflow;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(MatterflowApplication.class);

    @Test
    void shouldKeepModuleBoundariesAndBeFreeOfCycles() {
        modules.verify();
    }

    @Test
    void shouldWriteTheModuleDiagram() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
