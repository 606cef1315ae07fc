package io.illc.tests;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.illc.api.PluginFactory;
import io.illc.api.PluginKind;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.catalog.PluginDescriptor;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in plugins are registered the way ServiceLoader needs: every factory class of
 * {@code io.illc.plugins} is listed in the {@code META-INF/services} file of its kind (a factory
 * missing there would silently not exist), nothing stale is listed, and names are unique per kind
 * and lower-case kebab case, and every factory declares its name once, as a public {@code NAME}.
 */
class PluginRegistrationTest {
    private static final String PLUGINS = "io.illc.plugins";
    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private static final JavaClasses PLUGIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(PLUGINS);

    @Test
    void everyBuiltInFactoryIsListedInTheServicesFileOfItsKindAndNothingElseIs() throws IOException {
        int factories = 0;
        for (PluginKind kind : PluginKind.values()) {
            TreeSet<String> implemented = new TreeSet<>(concreteFactories(kind.factoryType()));
            List<String> listed = servicesEntries(kind).stream().filter(c -> c.startsWith(PLUGINS + ".")).toList();
            assertEquals(new TreeSet<>(listed).size(), listed.size(),
                    "META-INF/services/" + kind.factoryType().getName() + " lists a class twice: " + listed);
            assertEquals(implemented, new TreeSet<>(listed), kind.label() + " factories in " + PLUGINS
                    + " (left) must equal the entries of META-INF/services/" + kind.factoryType().getName() + " (right)");
            factories += implemented.size();
        }
        assertTrue(factories > 0, "no plugin factory found in " + PLUGINS + "; is illc-plugins on the test class path?");
    }

    @Test
    void builtInPluginNamesAreLowerCaseKebabAndUniquePerKind() {
        for (PluginKind kind : PluginKind.values()) {
            Map<String, String> classByName = new HashMap<>();
            for (PluginFactory<?> factory : ServiceLoader.load(kind.factoryType())) {
                if (!factory.getClass().getName().startsWith(PLUGINS + ".")) {
                    continue;
                }
                String name = factory.name();
                assertTrue(name != null && KEBAB.matcher(name).matches(), factory.getClass().getName()
                        + " is named '" + name + "'; plugin names are lower-case kebab case like 'io-unfaithfulness'");
                String earlier = classByName.put(name, factory.getClass().getName());
                assertEquals(null, earlier, "two " + kind.label() + " plugins are named '" + name + "': "
                        + earlier + " and " + factory.getClass().getName());
                assertFalse(factory.description() == null || factory.description().isBlank(),
                        factory.getClass().getName() + " has no description for `illc plugins`");
            }
        }
    }

    @Test
    void theCatalogOfTheClassPathHoldsEveryBuiltInFactoryUnderItsName() {
        PluginCatalog catalog = PluginCatalog.discover(List.of());
        for (PluginKind kind : PluginKind.values()) {
            List<String> fromCatalog = catalog.plugins(kind).stream()
                    .map(PluginDescriptor::factory)
                    .map(f -> f.getClass().getName())
                    .filter(c -> c.startsWith(PLUGINS + "."))
                    .sorted()
                    .toList();
            assertEquals(List.copyOf(new TreeSet<>(concreteFactories(kind.factoryType()))), fromCatalog,
                    "the catalog's " + kind.label() + " plugins from " + PLUGINS);
            for (PluginDescriptor d : catalog.plugins(kind)) {
                assertTrue(KEBAB.matcher(d.name()).matches(), d.describe());
                assertEquals(d.name(), d.factory().name(), d.describe());
            }
        }
    }

    @Test
    void everyBuiltInFactoryExposesAPublicStaticFinalNameThatNameReturns() throws ReflectiveOperationException {
        for (PluginKind kind : PluginKind.values()) {
            for (PluginFactory<?> factory : ServiceLoader.load(kind.factoryType())) {
                Class<?> type = factory.getClass();
                if (!type.getName().startsWith(PLUGINS + ".")) {
                    continue;
                }
                Field name = type.getDeclaredField("NAME");
                int modifiers = name.getModifiers();
                assertTrue(Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
                        && name.getType() == String.class, type.getName() + ".NAME must be a public static final String");
                assertEquals(name.get(null), factory.name(), type.getName() + ".name() must return its NAME");
            }
        }
    }

    /** Names of the non-abstract classes in io.illc.plugins that implement {@code factoryType}. */
    private static List<String> concreteFactories(Class<?> factoryType) {
        return PLUGIN_CLASSES.stream()
                .filter(c -> !c.isInterface() && !c.getModifiers().contains(JavaModifier.ABSTRACT))
                .filter(c -> c.isAssignableTo(factoryType))
                .map(JavaClass::getName)
                .toList();
    }

    /** Every non-comment line of every {@code META-INF/services/<factory type>} file on the class path. */
    private static List<String> servicesEntries(PluginKind kind) throws IOException {
        List<String> entries = new ArrayList<>();
        Enumeration<URL> files = PluginRegistrationTest.class.getClassLoader()
                .getResources("META-INF/services/" + kind.factoryType().getName());
        while (files.hasMoreElements()) {
            URL file = files.nextElement();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
                in.lines()
                        .map(line -> line.replaceFirst("#.*", "").strip())
                        .filter(line -> !line.isEmpty())
                        .forEach(entries::add);
            }
        }
        return entries;
    }
}
