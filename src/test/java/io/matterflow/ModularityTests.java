package io.matterflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.matterflow.action.ActionHandler;
import jakarta.persistence.Entity;

/**
 * The module map: no cycles, and no module reaching into another's {@code internal} package (Spring Modulith treats
 * every sub-package of a module as internal unless it is a named interface). The rules below keep the convention that
 * makes that check worth something: what no other module may call lives in {@code internal}.
 */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(MatterflowApplication.class);
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.matterflow");

    @Test
    void shouldKeepModuleBoundariesAndBeFreeOfCycles() {
        modules.verify();
    }

    @Test
    void shouldKeepEntitiesRepositoriesAndControllersInternal() {
        String internal = "io.matterflow.*.internal";
        classes().that().areAnnotatedWith(Entity.class).should().resideInAPackage(internal).check(MAIN);
        classes().that().areInterfaces().and().areAssignableTo(Repository.class)
                .should().resideInAPackage(internal).check(MAIN);
        classes().that().areMetaAnnotatedWith(Controller.class).and().areNotAnnotations()
                .and().resideOutsideOfPackage("io.matterflow.web")
                .should().resideInAPackage(internal)
                .because("the web module's advice and filters are the whole of that module")
                .check(MAIN);
    }

    @Test
    void shouldKeepBuiltInActionHandlersInternal() {
        classes().that().implement(ActionHandler.class).and().areAnnotatedWith(Component.class)
                .should().resideInAPackage("io.matterflow.action.internal")
                .because("a handler is found through the registry; nothing names it")
                .check(MAIN);
    }

    @Test
    void shouldKeepTheKernelFreeOfTheWebApi() {
        noClasses().that().resideInAPackage("io.matterflow.common")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "org.springframework.web..",
                        "org.springframework.ui..", "org.springframework.http..", "io.matterflow.common.web..")
                .because("what controllers share lives in io.matterflow.common.web")
                .check(MAIN);
    }

    @Test
    void shouldWriteTheModuleDiagram() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
