package io.illc.tests;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.illc.api.PluginFactory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module rules of illc, checked on the production classes of every module (this module sees
 * all of them): what each package root may depend on, no cycles, and who may exit the JVM or
 * create the injector. See {@code docs/architecture.md}.
 */
@AnalyzeClasses(packages = "io.illc", importOptions = {ImportOption.DoNotIncludeTests.class,
        LayeringTest.DoNotIncludeTestJars.class})
class LayeringTest {

    @ArchTest
    static final ArchRule theApiDependsOnTheJdkOnly = classes()
            .that().resideInAPackage("io.illc.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.illc.api..", "java..")
            .because("a plugin author compiles against illc-api alone and must not inherit anything else");

    @ArchTest
    static final ArchRule pluginsDependOnTheApiAndJacksonOnly = classes()
            .that().resideInAPackage("io.illc.plugins..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("io.illc.plugins..", "io.illc.api..", "java..", "com.fasterxml.jackson..")
            .because("the built-in plugins are plugins like any other: they see the SPI (and Jackson for JSON in and out),"
                    + " never the engines or the CLI");

    @ArchTest
    static final ArchRule theEnginesNeverSeePluginsOrTheCli = noClasses()
            .that().resideInAPackage("io.illc.core..")
            .should().dependOnClassesThat().resideInAnyPackage("io.illc.plugins..", "io.illc.cli..")
            .because("the engines reach plugins through the catalog only, so third-party plugins are equal to built-in ones");

    @ArchTest
    static final ArchRule theEnginesDoNotKnowExperimentsExist = noClasses()
            .that().resideInAPackage("io.illc.core..")
            .should().dependOnClassesThat().resideInAPackage("io.illc.experiments..")
            .because("experiments (grid, report, figures, statistics, benchmarks) are one way of driving the engines'"
                    + " stages, in a module of their own; the engines serve every driver alike");

    @ArchTest
    static final ArchRule experimentsDriveTheEnginesNotTheCliOrPlugins = noClasses()
            .that().resideInAPackage("io.illc.experiments..")
            .should().dependOnClassesThat().resideInAnyPackage("io.illc.cli..", "io.illc.plugins..")
            .because("an experiment cell runs the same stages as illc run, through the catalog like any run");

    @ArchTest
    static final ArchRule stagesDoNotReachBackIntoTheRunOrItsDrivers = noClasses()
            .that().resideInAPackage("io.illc.core.pipeline..")
            .should().dependOnClassesThat().resideInAnyPackage("io.illc.core.run..", "io.illc.experiments..",
                    "io.illc.cli..")
            .because("a stage takes explicit inputs and returns a value; the pipeline run and every experiment cell"
                    + " are two drivers of the same stages");

    @ArchTest
    static final ArchRule theCliReachesPluginsThroughTheCatalogOnly = noClasses()
            .that().resideInAPackage("io.illc.cli..")
            .should().dependOnClassesThat().resideInAPackage("io.illc.plugins..")
            .because("illc-plugins is a runtime dependency of the CLI: its plugins are found by ServiceLoader");

    @ArchTest
    static final ArchRule theSparkEngineBuildsOnTheEnginesAndTheApiOnly = classes()
            .that().resideInAPackage("io.illc.spark..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.illc.spark..", "io.illc.core..", "io.illc.api..",
                    "java..", "org.apache.spark..", "scala..")
            .because("the Spark engine is the engines' stages with the rows held by Spark: it drives core through"
                    + " RowPasses and the RunEngine seam, and reaches plugins through the catalog like any run");

    @ArchTest
    static final ArchRule nothingDependsOnTheSparkEngine = noClasses()
            .that().resideOutsideOfPackage("io.illc.spark..")
            .should().dependOnClassesThat().resideInAPackage("io.illc.spark..")
            .because("the Spark engine is found by ServiceLoader when a run asks for it, so its jars weigh on no other"
                    + " run; only the distribution packages it");

    @ArchTest
    static final ArchRule modulesAreFreeOfCycles = slices()
            .matching("io.illc.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule engineSubPackagesAreFreeOfCycles = slices()
            .matching("io.illc.core.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule pluginFamiliesAreIndependent = slices()
            .matching("io.illc.plugins.(*)..")
            .should().notDependOnEachOther()
            .because("each family (clustering, aggregation, activation, metric, render) could ship as a jar of its own");

    @ArchTest
    static final ArchRule onlyTheCliEndsTheJvm = noClasses()
            .that().resideOutsideOfPackage("io.illc.cli..")
            .should().callMethod(System.class, "exit", int.class)
            .orShould().callMethod(Runtime.class, "exit", int.class)
            .orShould().callMethod(Runtime.class, "halt", int.class)
            .because("engines and plugins report failures as exceptions; only main turns them into exit codes");

    @ArchTest
    static final ArchRule onlyTheEntryPointsCreateTheInjector = noClasses()
            .that().resideOutsideOfPackage("io.illc.cli..")
            .and().doNotHaveFullyQualifiedName("io.illc.core.Illc")
            .and().doNotHaveFullyQualifiedName("io.illc.experiments.Experiments")
            .should().callMethodWhere(ownerAndName("com.google.inject.Guice", "createInjector"))
            .because("there is one injector, created in main (or in the withPlugins factory of a Java caller without"
                    + " one); library code takes its collaborators as constructor arguments");

    @ArchTest
    static final ArchRule onlyTheCliChangesJvmWideState = noClasses()
            .that().resideOutsideOfPackage("io.illc.cli..")
            .should().callMethod(System.class, "setProperty", String.class, String.class)
            .because("a library call must not change the JVM it runs in for everyone else");

    @ArchTest
    static final ArchRule oneJsonReaderAndOneJsonWriter = noClasses()
            .that().resideOutsideOfPackages("io.illc.core.io..", "io.illc.plugins..")
            .should().callCodeUnitWhere(target("com.fasterxml.jackson.databind.ObjectMapper", "<init>"))
            .orShould().callCodeUnitWhere(target("com.fasterxml.jackson.databind.json.JsonMapper", "builder"))
            .orShould().callCodeUnitWhere(target("com.fasterxml.jackson.core.JsonFactory", "<init>"))
            .because("every JSON document is read by StrictJson and written by JsonOutput, so all are rejected in the"
                    + " same words and written in the same bytes (plugins cannot see them: see LabelsFileClustering)");

    @ArchTest
    static final ArchRule oneAtomicWriter = noClasses()
            .that().resideOutsideOfPackage("io.illc.core.io..")
            .should().callCodeUnitWhere(target("java.nio.file.Files", "move"))
            .orShould().callCodeUnitWhere(target("java.nio.file.Files", "createTempFile"))
            .orShould().callCodeUnitWhere(target("java.nio.file.Files", "createTempDirectory"))
            .because("files and folders are published by AtomicFiles: beside the target, synced, renamed,"
                    + " with the permissions of a plain write");

    @ArchTest
    static final ArchRule pluginFactoriesCanBeInstantiatedByServiceLoader = classes()
            .that().resideInAPackage("io.illc.plugins..")
            .and().areAssignableTo(PluginFactory.class)
            .and().areNotInterfaces()
            .and().doNotHaveModifier(JavaModifier.ABSTRACT)
            .should().bePublic()
            .andShould(haveAPublicNoArgumentConstructor())
            .because("ServiceLoader instantiates a factory through its public no-argument constructor");

    /** Test code shared through a module's test jar (illc-api's SkipReasons) is test code too. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    private static DescribedPredicate<JavaMethodCall> ownerAndName(String owner, String method) {
        return DescribedPredicate.describe("the target is " + owner + "." + method + "(..)",
                call -> call.getTargetOwner().getFullName().equals(owner) && call.getName().equals(method));
    }

    private static DescribedPredicate<JavaCall<?>> target(String owner, String name) {
        return DescribedPredicate.describe(owner + "." + name,
                call -> call.getTargetOwner().getFullName().equals(owner) && call.getName().equals(name));
    }

    private static ArchCondition<JavaClass> haveAPublicNoArgumentConstructor() {
        return new ArchCondition<>("have a public no-argument constructor") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean ok = type.tryGetConstructor()
                        .map(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                        .orElse(false);
                events.add(new SimpleConditionEvent(type, ok, type.getName()
                        + (ok ? " has" : " does not have") + " a public no-argument constructor"));
            }
        };
    }
}
