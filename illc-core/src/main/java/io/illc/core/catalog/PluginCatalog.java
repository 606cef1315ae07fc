package io.illc.core.catalog;

import io.illc.api.PluginFactory;
import io.illc.api.PluginKind;
import io.illc.core.InputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.jar.JarFile;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every plugin illc can use: those on the class path and those in the jars of plugin folders.
 * Names are unique per kind; two plugins of one kind with one name is an error naming both.
 * Immutable once built.
 */
public final class PluginCatalog {
    /** Permanent plugin names: lower-case kebab case. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private final Map<PluginKind, Map<String, PluginDescriptor>> byKind;
    private final List<String> unreadableJars;

    private PluginCatalog(Map<PluginKind, Map<String, PluginDescriptor>> byKind) {
        this(byKind, List.of());
    }

    private PluginCatalog(Map<PluginKind, Map<String, PluginDescriptor>> byKind, List<String> unreadableJars) {
        this.byKind = byKind;
        this.unreadableJars = List.copyOf(unreadableJars);
    }

    /**
     * The jars of the plugin folders that could not be read (not a zip, truncated, unreadable), one
     * message each, naming the jar and why; their plugins are missing from the catalog. {@code illc
     * run} warns about them and {@code illc plugins} reports them as errors.
     */
    public List<String> unreadableJars() {
        return unreadableJars;
    }

    /**
     * Discovers plugins on the class path and in every {@code .jar} of each folder.
     *
     * @throws InputException for a missing folder, a broken plugin jar, a bad name or a duplicate
     */
    public static PluginCatalog discover(List<Path> pluginFolders) {
        ClassLoader parent = PluginCatalog.class.getClassLoader();
        List<URL> jars = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Path folder : pluginFolders) {
            jars.addAll(jarsIn(folder, unreadable));
        }
        ClassLoader loader = jars.isEmpty() ? parent : new URLClassLoader(jars.toArray(URL[]::new), parent);
        List<PluginDescriptor> found = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            List<PluginDescriptor> loaded = load(kind, loader);
            duplicates.addAll(sameClassInTwoJars(kind, loader, loaded));
            found.addAll(loaded);
        }
        if (!duplicates.isEmpty()) {
            throw new InputException(duplicates);
        }
        PluginCatalog catalog = of(found);
        return new PluginCatalog(catalog.byKind, unreadable);
    }

    /** A catalog of the given plugins (tests hand in fakes this way). */
    public static PluginCatalog of(List<PluginDescriptor> plugins) {
        Map<PluginKind, Map<String, PluginDescriptor>> byKind = new LinkedHashMap<>();
        for (PluginKind kind : PluginKind.values()) {
            byKind.put(kind, new LinkedHashMap<>());
        }
        List<String> problems = new ArrayList<>();
        for (PluginDescriptor p : plugins) {
            if (!NAME.matcher(p.name()).matches()) {
                problems.add(p.describe() + " has an invalid name: plugin names are lower-case kebab case, like 'kmeans' or 'io-unfaithfulness'");
                continue;
            }
            PluginDescriptor earlier = byKind.get(p.kind()).putIfAbsent(p.name(), p);
            if (earlier != null) {
                problems.add("two " + p.kind().label() + " plugins are named '" + p.name() + "': "
                        + earlier.factory().getClass().getName() + " in " + earlier.location() + " and "
                        + p.factory().getClass().getName() + " in " + p.location() + "; remove one of the jars");
            }
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        Map<PluginKind, Map<String, PluginDescriptor>> sorted = new LinkedHashMap<>();
        byKind.forEach((kind, map) -> sorted.put(kind, map.values().stream()
                .sorted(Comparator.comparing(PluginDescriptor::name))
                .collect(Collectors.toMap(PluginDescriptor::name, d -> d, (a, b) -> a, LinkedHashMap::new))));
        return new PluginCatalog(sorted);
    }

    /** Every plugin, by kind then name. */
    public List<PluginDescriptor> plugins() {
        return byKind.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    /** The plugins of one kind, by name. */
    public List<PluginDescriptor> plugins(PluginKind kind) {
        return List.copyOf(byKind.get(kind).values());
    }

    /** The names of one kind, sorted. */
    public List<String> names(PluginKind kind) {
        return List.copyOf(byKind.get(kind).keySet());
    }

    public Optional<PluginDescriptor> find(PluginKind kind, String name) {
        return Optional.ofNullable(byKind.get(kind).get(name));
    }

    /** Plugins of any kind with this name (for {@code illc describe NAME}). */
    public List<PluginDescriptor> findAnyKind(String name) {
        return byKind.values().stream().map(m -> m.get(name)).filter(d -> d != null).toList();
    }

    /**
     * The plugin of this kind and name.
     *
     * @throws InputException listing the available names and the closest match
     */
    public PluginDescriptor require(PluginKind kind, String name) {
        return find(kind, name).orElseThrow(() -> new InputException(unknown(kind, name)));
    }

    /**
     * "unknown clustering 'kmean'; available: agglomerative, kmeans, labels; did you mean 'kmeans'?",
     * or, when no installed name is close, where a plugin jar's folder is given.
     */
    public String unknown(PluginKind kind, String name) {
        List<String> names = names(kind);
        String suggestion = Suggestions.didYouMean(name, names);
        return "unknown " + kind.label() + " '" + name + "'; available: "
                + (names.isEmpty() ? "none installed" : String.join(", ", names))
                + (suggestion.isEmpty() ? "; if it comes in a plugin jar, give the jar's folder with --plugin-path DIR"
                + " or ILLC_PLUGIN_PATH" : suggestion);
    }

    private static List<URL> jarsIn(Path folder, List<String> unreadable) {
        if (!Files.isDirectory(folder)) {
            throw new InputException("plugin folder " + folder + " does not exist or is not a folder; "
                    + "give a folder that holds plugin jars (--plugin-path or ILLC_PLUGIN_PATH)");
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<URL> urls = new ArrayList<>();
            for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                // A jar the class loader cannot open would be skipped without a word: say so instead.
                try (JarFile open = new JarFile(jar.toFile())) {
                    open.getManifest();
                    urls.add(jar.toUri().toURL());
                } catch (IOException | SecurityException e) {
                    unreadable.add("cannot read plugin jar " + jar + ": "
                            + (e.getMessage() == null ? "not a valid jar" : e.getMessage())
                            + "; its plugins are not available (replace or remove the file)");
                }
            }
            return urls;
        } catch (IOException e) {
            throw new InputException("cannot list plugin folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static List<PluginDescriptor> load(PluginKind kind, ClassLoader loader) {
        List<PluginDescriptor> out = new ArrayList<>();
        Iterator<? extends PluginFactory<?>> it = ServiceLoader.load(kind.factoryType(), loader).iterator();
        while (true) {
            PluginFactory<?> factory;
            try {
                if (!it.hasNext()) {
                    break;
                }
                factory = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                throw new InputException("cannot load a " + kind.label() + " plugin" + listedIn(kind, loader, e) + ": "
                        + rootMessage(e) + "; check that the plugin was built against this illc-api and has a public no-argument constructor", e);
            }
            String location = location(factory.getClass());
            String name;
            try {
                name = factory.name();
            } catch (RuntimeException | LinkageError e) {
                throw new InputException("the " + kind.label() + " plugin " + factory.getClass().getName() + " in " + location
                        + " failed to report its name: " + rootMessage(e), e);
            }
            out.add(new PluginDescriptor(kind, name == null ? "" : name, factory, location));
        }
        return out;
    }

    /**
     * ServiceLoader loads a provider class once even when two jars list it (the same plugin jar
     * dropped twice, or illc-plugins copied into a plugin folder), and silently uses whichever
     * comes first. That is a duplicate name all the same: report both jars.
     */
    private static List<String> sameClassInTwoJars(PluginKind kind, ClassLoader loader, List<PluginDescriptor> loaded) {
        Map<String, List<String>> locations = new LinkedHashMap<>();
        try {
            var resources = loader.getResources("META-INF/services/" + kind.factoryType().getName());
            while (resources.hasMoreElements()) {
                URL url = resources.nextElement();
                for (String className : providerNames(url)) {
                    List<String> where = locations.computeIfAbsent(className, c -> new ArrayList<>());
                    String jar = jarOf(url);
                    if (!where.contains(jar)) {
                        where.add(jar);
                    }
                }
            }
        } catch (IOException e) {
            throw new InputException("cannot read the " + kind.label() + " plugin lists: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        for (PluginDescriptor plugin : loaded) {
            List<String> where = locations.getOrDefault(plugin.factory().getClass().getName(), List.of());
            if (where.size() > 1) {
                problems.add("two " + kind.label() + " plugins are named '" + plugin.name() + "': "
                        + plugin.factory().getClass().getName() + " in " + where.get(0) + " and "
                        + plugin.factory().getClass().getName() + " in " + where.get(1) + "; remove one of the jars");
            }
        }
        return problems;
    }

    private static List<String> providerNames(URL servicesFile) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(servicesFile.openStream(), StandardCharsets.UTF_8))) {
            return r.lines().map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty()).toList();
        }
    }

    /** " (listed in /path/x.jar)" for the jars whose service file names the failing class. */
    private static String listedIn(PluginKind kind, ClassLoader loader, Throwable e) {
        String text = String.valueOf(e.getMessage());
        List<String> hits = new ArrayList<>();
        try {
            var resources = loader.getResources("META-INF/services/" + kind.factoryType().getName());
            while (resources.hasMoreElements()) {
                URL url = resources.nextElement();
                for (String className : providerNames(url)) {
                    if (text.contains(className)) {
                        hits.add(jarOf(url));
                    }
                }
            }
        } catch (IOException ignored) {
            // Only decorates the message; the error itself is reported either way.
        }
        return hits.isEmpty() ? "" : " (listed in " + String.join(", ", hits) + ")";
    }

    private static String jarOf(URL serviceFile) {
        String s = serviceFile.toString();
        int bang = s.indexOf("!/");
        return s.startsWith("jar:file:") && bang > 0 ? s.substring("jar:file:".length(), bang) : s;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** The jar or class folder a class was loaded from. */
    static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "(unknown location)";
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (Exception e) {
            return source.getLocation().toString();
        }
    }
}
