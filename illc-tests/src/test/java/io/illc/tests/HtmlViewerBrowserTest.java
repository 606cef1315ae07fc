package io.illc.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.illc.api.Activation;
import io.illc.api.Argument;
import io.illc.api.Edge;
import io.illc.api.ExplanationRenderer;
import io.illc.api.LocalContext;
import io.illc.api.Parameters;
import io.illc.api.Qbaf;
import io.illc.api.RenderContext;
import io.illc.core.Illc;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.qbaf.FeatureSummary;
import io.illc.core.qbaf.QbafBuilder;
import io.illc.core.qbaf.QbafEvaluator;
import io.illc.core.run.Json;
import io.illc.core.run.RunResult;
import io.illc.core.spec.SpecWriter;
import io.illc.plugins.render.DotRendererFactory;
import io.illc.plugins.render.HtmlRendererFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The html renderer's page in a real browser (Debian's headless Chromium, see {@link Chromium}),
 * opened from a {@code file://} URL with no server: the QBAF of the golden breast-cancer model
 * (global and local, with the run summary) and a synthetic QBAF the size of the paper's largest
 * network. The page reports its state in {@code window.illcViewer}.
 *
 * <p>The pages, their screenshots and the measured first-paint times go to {@code target/viewer/}
 * (docs/viewer.png is taken from {@code ./illc demo}'s page, see docs/viewer.md). No wall-clock bound is asserted: machines are noisy.
 */
class HtmlViewerBrowserTest {
    private static final Path GOLDEN_MODEL = Path.of("..", "illc-core", "src", "test", "resources", "golden",
            "bc_tiny.model.json").toAbsolutePath().normalize();
    private static final Path OUT = Path.of("target", "viewer");
    private static final int WIDTH = 1440;
    private static final int HEIGHT = 900;
    private static final long READY_TIMEOUT_MS = 60_000;

    @TempDir
    static Path dir;
    private static ChromeDriver browser;
    private static Qbaf demo;
    private static Qbaf demoLocal;
    private static String summary;
    private static String demoFeatures;
    private static String demoLocalFeatures;

    @BeforeAll
    static void startBrowserAndComputeTheDemo() throws IOException {
        if (!Chromium.installedOrRequired()) {
            return; // every test then skips itself, with the reason, in requireBrowser()
        }
        Files.createDirectories(OUT);
        Illc illc = Illc.withPlugins(List.of());
        String spec = "{\"specVersion\": 1, \"seed\": 0, \"data\": {\"builtin\": \"breast-cancer\"},"
                + " \"model\": {\"load\": " + new ObjectMapper().writeValueAsString(GOLDEN_MODEL.toString())
                + ", \"format\": \"weights-json\"},"
                + " \"compression\": {\"method\": \"global\", \"shrink\": 0.5,"
                + " \"clustering\": {\"name\": \"agglomerative\", \"params\": {\"linkage\": \"ward\"}}},"
                + " \"renderers\": [{\"name\": \"html\"}]}";
        RunResult run = illc.compute(illc.parse(spec, dir, "viewer-demo"));
        demo = run.qbaf();
        demoLocal = localQbaf(run, 0);
        // The run summary the engine puts in the render context: the effective spec and metrics.json.
        ObjectNode s = Json.object();
        s.set("spec", new SpecWriter().tree(run.spec()));
        s.set("metrics", Json.metrics(run.metrics()));
        summary = new String(Json.bytes(s), StandardCharsets.UTF_8);
        demoFeatures = new String(Json.features(FeatureSummary.global(demo, run.data().features())),
                StandardCharsets.UTF_8);
        demoLocalFeatures = new String(Json.features(FeatureSummary.local(demoLocal)), StandardCharsets.UTF_8);
        browser = Chromium.start(dir.resolve("profile"), WIDTH, HEIGHT);
    }

    /** Each test, not the class, is skipped when the browser is missing: so the build output lists them with the reason. */
    @BeforeEach
    void requireBrowser() {
        Chromium.assumeInstalled();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** The local QBAF of data row {@code row}, predicted as the QBAF itself predicts (sigmoid output ≥ 0.5). */
    private static Qbaf localQbaf(RunResult run, int row) {
        double[] x = run.data().features().row(row);
        double[] strengths = new QbafEvaluator(run.qbaf()).strengths(x);
        List<String> classes = run.data().classNames();
        assertEquals(2, classes.size(), "the golden model has one sigmoid output for two classes");
        String prediction = strengths[strengths.length - 1] >= 0.5 ? classes.get(1) : classes.get(0);
        String truth = classes.get(run.data().labels()[row]);
        List<Double> values = java.util.Arrays.stream(x).boxed().toList();
        return QbafBuilder.local(run.compressed(), run.compression().partitions(),
                new LocalContext(row, values, prediction, truth));
    }

    private static Path page(String name, Qbaf qbaf, Map<String, Object> params) throws IOException {
        return page(name, qbaf, params, RenderContext.NONE);
    }

    /** The page with the run summary of the engine's render context. */
    private static Path pageWithSummary(String name, Qbaf qbaf, Map<String, Object> params) throws IOException {
        return page(name, qbaf, params, new RenderContext(summary, Map.of(), List.of()));
    }

    /** The page as the engine renders it: run summary, class labels of the data and features.json. */
    private static Path fullPage(String name, Qbaf qbaf, Map<String, Object> params, Map<String, String> more) throws IOException {
        Map<String, String> documents = new LinkedHashMap<>();
        documents.put(RenderContext.FEATURES, qbaf.local() == null ? demoFeatures : demoLocalFeatures);
        documents.putAll(more);
        return page(name, qbaf, params, new RenderContext(summary, Map.of(), List.of("0", "1"),
                BuiltinDatasets.classLabels("breast-cancer"), documents));
    }

    private static Path page(String name, Qbaf qbaf, Map<String, Object> params, RenderContext context) throws IOException {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("edgeQuantile", 0.8);
        all.putAll(params);
        ExplanationRenderer renderer = new HtmlRendererFactory().create(Parameters.of(all));
        Path file = OUT.resolve(name + ".html").toAbsolutePath();
        try (OutputStream out = Files.newOutputStream(file)) {
            renderer.render(qbaf, context, out);
        }
        return file;
    }

    /** Opens the page from its file:// URL and waits until the viewer has painted its first frame. */
    private static void open(Path file) throws InterruptedException {
        browser.get(file.toUri().toString());
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        while (!Boolean.TRUE.equals(js("return !!(window.illcViewer && window.illcViewer.ready);"))) {
            if (System.currentTimeMillis() > deadline) {
                fail("the viewer did not report ready within " + READY_TIMEOUT_MS + " ms; console: " + consoleLog());
            }
            Thread.sleep(50);
        }
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static long number(String expression) {
        return ((Number) js("return " + expression + ";")).longValue();
    }

    private static List<String> consoleLog() {
        List<String> lines = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            lines.add(e.getLevel() + " " + e.getMessage());
        }
        return lines;
    }

    /** Fails on any error the page recorded or the browser console shows (read once, so per page). */
    private static void assertNoErrors() {
        List<String> errors = consoleLog().stream().filter(l -> l.startsWith(Level.SEVERE.toString())).toList();
        assertEquals(List.of(), errors, "browser console errors");
        assertEquals(0L, number("window.illcViewer.errors.length"), () -> "page errors: " + js("return window.illcViewer.errors;"));
    }

    private static long dotEdgeCount(Qbaf qbaf) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DotRendererFactory().create(Parameters.of(Map.of("edgeQuantile", 0.8))).render(qbaf, out);
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(" -> ")).count();
    }

    /** The same, with σ from {@code features} (features.json text). */
    private static long dotEdgeCount(Qbaf qbaf, String features) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DotRendererFactory().create(Parameters.of(Map.of("edgeQuantile", 0.8)))
                .render(qbaf, RenderContext.NONE.withDocuments(Map.of(RenderContext.FEATURES, features)), out);
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(" -> ")).count();
    }

    private static byte[] screenshot(String name) throws IOException {
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        Files.write(OUT.resolve(name + ".png"), png);
        return png;
    }

    /** How many different colours the canvas part of a screenshot has. */
    private static int canvasColours(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        @SuppressWarnings("unchecked")
        Map<String, Number> box = (Map<String, Number>) js(
                "const r = document.getElementById('graph').getBoundingClientRect();"
                        + " return {x: r.left, y: r.top, w: r.width, h: r.height};");
        Set<Integer> colours = new HashSet<>();
        int x0 = box.get("x").intValue();
        int y0 = box.get("y").intValue();
        for (int y = y0; y < Math.min(image.getHeight(), y0 + box.get("h").intValue()); y += 2) {
            for (int x = x0; x < Math.min(image.getWidth(), x0 + box.get("w").intValue()); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private static void clickArgument(String id) {
        @SuppressWarnings("unchecked")
        Map<String, Number> at = (Map<String, Number>) js("return window.illcViewer.screenPosition(arguments[0]);", id);
        assertNotNull(at, id);
        new Actions(browser).moveToLocation((int) Math.round(at.get("x").doubleValue()),
                (int) Math.round(at.get("y").doubleValue())).click().perform();
    }

    @Test
    void drawsEveryArgumentOfTheDemoAndStartsWithTheDotRenderersEdgesWithoutConsoleErrors() throws Exception {
        open(pageWithSummary("demo", demo, Map.of()));

        assertEquals(demo.arguments().size(), number("window.illcViewer.arguments"));
        assertEquals(demo.arguments().size(), number("window.illcViewer.drawnArguments"));
        assertEquals(demo.edges().size(), number("window.illcViewer.edges"));
        assertEquals(dotEdgeCount(demo), number("window.illcViewer.visibleEdges"),
                "the page's 0.8-quantile filter must keep the edges the dot renderer draws");
        assertEquals(Boolean.TRUE, js("return window.illcViewer.summary;"));
        String run = browser.findElement(By.id("summary")).getText();
        assertTrue(run.contains("global") && run.contains("agglomerative") && run.contains("io-unfaithfulness"), run);
        assertTrue(canvasColours(screenshot("demo-global")) > 10, "the canvas is (nearly) blank");
        assertNoErrors();
    }

    @Test
    void movingTheSliderChangesHowManyEdgesAreShownAndFadesArgumentsWithoutOne() throws Exception {
        open(page("slider", demo, Map.of()));
        long atStart = number("window.illcViewer.visibleEdges");
        WebElement slider = browser.findElement(By.id("slider"));

        slider.sendKeys(Keys.HOME);
        long all = number("window.illcViewer.visibleEdges");
        slider.sendKeys(Keys.END);
        long strongest = number("window.illcViewer.visibleEdges");

        assertEquals(demo.edges().size(), all, "quantile 0 shows every edge");
        assertTrue(strongest < atStart && atStart < all, strongest + " < " + atStart + " < " + all);
        assertTrue(number("window.illcViewer.visibleArguments") < demo.arguments().size(),
                "with only the strongest edges some arguments have no edge left");
        assertTrue(browser.findElement(By.id("filter-readout")).getText().contains(strongest + " of " + all + " edges shown"));
        assertNoErrors();
    }

    @Test
    void thePerLayerFilterKeepsTheQuantileOfTheEdgesIntoEachLayerPlusThePathToEachOutput() throws Exception {
        open(page("per-layer", demo, Map.of("perLayer", false)));

        browser.findElement(By.id("per-layer")).click();

        Map<String, Integer> layerOf = demo.arguments().stream().collect(Collectors.toMap(Argument::id, Argument::layer));
        long expected = demo.edges().stream().collect(Collectors.groupingBy(e -> layerOf.get(e.target()))).values().stream()
                .mapToLong(edges -> atOrAboveQuantile(edges, 0.8)).sum();
        assertEquals(Boolean.TRUE, js("return window.illcViewer.perLayer;"));
        long path = number("window.illcViewer.pathEdges");
        assertEquals(expected + path, number("window.illcViewer.visibleEdges"));
        // At most one added edge per layer gap and output.
        assertTrue(path <= (long) demo.activations().size() * outputs(demo).size(), "path edges " + path);
        assertTrue(number("window.illcViewer.visibleArguments") > 0);
        assertNoErrors();
    }

    private static List<String> outputs(Qbaf qbaf) {
        return qbaf.arguments().stream().filter(a -> a.kind() == Argument.Kind.OUTPUT).map(Argument::id).toList();
    }

    @Test
    void byDefaultEveryLayerShowsEdgesAndEveryOutputIsConnectedToTheInputs() throws Exception {
        open(fullPage("every-layer", demo, Map.of(), Map.of()));

        @SuppressWarnings("unchecked")
        List<List<String>> shown = (List<List<String>>) js("return window.illcViewer.shownEdges();");
        Map<String, Integer> layerOf = demo.arguments().stream().collect(Collectors.toMap(Argument::id, Argument::layer));
        Set<Integer> layers = shown.stream().map(e -> layerOf.get(e.get(1))).collect(Collectors.toSet());
        Set<Integer> all = demo.edges().stream().map(e -> layerOf.get(e.target())).collect(Collectors.toSet());
        assertEquals(all, layers, "shown edges into every layer");
        Set<String> reached = new HashSet<>();
        for (Argument a : demo.arguments()) {
            if (a.kind() == Argument.Kind.INPUT || shown.stream().anyMatch(e -> e.get(1).equals(a.id()) && reached.contains(e.get(0)))) {
                reached.add(a.id());
            }
        }
        assertTrue(reached.containsAll(outputs(demo)), "every output has a shown path from an input: " + reached);
        assertEquals(dotEdgeCount(demo, demoFeatures), shown.size(), "the page keeps the edges the dot renderer draws");
        assertTrue(String.valueOf(js("return window.illcViewer.measure;")).startsWith("|weight × σ|"));
        assertNoErrors();
    }

    @Test
    void showsALegendClassNamesAndTheFeatureSummaryOfAClusterNeuron() throws Exception {
        open(fullPage("legend", demoLocal, Map.of(), Map.of()));
        Argument deepest = demoLocal.arguments().stream().filter(a -> a.kind() == Argument.Kind.CLUSTER)
                .max(Comparator.comparingInt(Argument::layer)).orElseThrow();

        clickArgument(deepest.id());

        String legend = browser.findElement(By.id("legend")).getText();
        for (String part : List.of("input feature", "cluster-neuron", "output", "support", "attack", "width ∝ s",
                "s = |weight × value|", "0 = benign", "1 = malignant")) {
            assertTrue(legend.contains(part), part + " in " + legend);
        }
        Map<String, String> names = Map.of("0", "benign", "1", "malignant");
        String row = browser.findElement(By.id("local-verdict")).getText();
        assertTrue(row.contains("predicted " + names.get(demoLocal.local().prediction()))
                && row.contains("true label " + names.get(demoLocal.local().trueLabel())), row);
        // The bars are the features of largest |S| in features.json, strongest first, with their sign.
        JsonNode summary = new ObjectMapper().readTree(demoLocalFeatures).get("arguments").get(deepest.id());
        List<Map.Entry<String, JsonNode>> expected = new ArrayList<>();
        summary.fields().forEachRemaining(expected::add);
        expected.removeIf(e -> e.getValue().asDouble() == 0);
        expected.sort(Comparator.comparingDouble((Map.Entry<String, JsonNode> e) -> -Math.abs(e.getValue().asDouble())));
        List<WebElement> bars = browser.findElements(By.cssSelector("#details-features .bar-row"));
        assertEquals(Math.min(10, expected.size()), bars.size());
        for (int i = 0; i < bars.size(); i++) {
            Map.Entry<String, JsonNode> e = expected.get(i);
            assertEquals(e.getKey(), bars.get(i).findElement(By.className("bar-name")).getText());
            String colour = e.getValue().asDouble() > 0 ? "bar-support" : "bar-attack";
            assertEquals(1, bars.get(i).findElements(By.className(colour)).size(), e.getKey());
        }
        screenshot("legend");
        assertNoErrors();
    }

    @Test
    void sizesArgumentsByTheChosenAttributionAndRanksThem() throws Exception {
        // A fixture in the shape of attribution.json: two methods over a few arguments.
        List<String> ids = demo.arguments().stream().filter(a -> a.kind() == Argument.Kind.CLUSTER).limit(3)
                .map(Argument::id).toList();
        String attribution = "{\"target\": \"1\", \"methods\": {"
                + "\"gradient\": {\"" + ids.get(0) + "\": 0.1, \"" + ids.get(1) + "\": -0.5, \"" + ids.get(2) + "\": 0.3},"
                + " \"removal\": {\"" + ids.get(0) + "\": -0.9, \"" + ids.get(1) + "\": 0.2, \"" + ids.get(2) + "\": 0.0}},"
                + " \"shapley\": {\"samples\": null, \"standardErrors\": {}}, \"relations\": {\"removal\": {}}}";
        open(fullPage("attribution", demo, Map.of(), Map.of(RenderContext.ATTRIBUTION, attribution)));

        assertEquals("gradient", js("return window.illcViewer.sizeBy;"));
        assertEquals(List.of(ids.get(1), ids.get(2), ids.get(0)), js("return window.illcViewer.attributionRanking;"));
        String section = browser.findElement(By.id("attribution")).getText();
        assertTrue(section.contains("towards malignant"), section);
        assertEquals("removal", js("return window.illcViewer.sizeByAttribution('removal');"));
        assertEquals(List.of(ids.get(0), ids.get(1), ids.get(2)), js("return window.illcViewer.attributionRanking;"));
        clickArgument(ids.get(0));
        assertTrue(browser.findElement(By.id("details")).getText().contains("removal attribution"));
        assertNoErrors();
    }

    @Test
    void exportsTheCurrentViewAsAWellFormedSvgWithEveryShownEdge() throws Exception {
        open(fullPage("export", demo, Map.of(), Map.of()));

        String svg = (String) js("return window.illcViewer.svg();");

        org.w3c.dom.Document document = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", document.getDocumentElement().getTagName());
        assertEquals(number("window.illcViewer.visibleEdges"), document.getElementsByTagName("path").getLength());
        assertEquals(demo.arguments().size(), document.getElementsByTagName("circle").getLength());
        assertTrue(browser.findElement(By.id("export-png")).isDisplayed());
        assertNoErrors();
    }

    /** How many of {@code edges} have |w| at or above the q-quantile of |w| (numpy's linear interpolation). */
    private static long atOrAboveQuantile(List<Edge> edges, double q) {
        double[] sorted = edges.stream().mapToDouble(e -> Math.abs(e.weight())).sorted().toArray();
        double position = q * (sorted.length - 1);
        int lo = (int) Math.floor(position);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double threshold = Math.min(sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]), sorted[hi]);
        return java.util.Arrays.stream(sorted).filter(m -> m >= threshold).count();
    }

    @Test
    void clickingAClusterNeuronShowsItsMembersBiasAndStrongestSupportersAndAttackers() throws Exception {
        open(pageWithSummary("click", demo, Map.of()));
        Argument cluster = demo.arguments().stream().filter(a -> a.kind() == Argument.Kind.CLUSTER)
                .max(Comparator.comparingInt((Argument a) -> a.members().size()).thenComparing(Argument::id,
                        Comparator.reverseOrder()))
                .orElseThrow();

        clickArgument(cluster.id());

        assertEquals(cluster.id(), js("return window.illcViewer.selected;"));
        assertEquals(cluster.members().stream().map(String::valueOf).collect(Collectors.joining(", ")),
                browser.findElement(By.id("details-members")).getText());
        String details = browser.findElement(By.id("details")).getText();
        assertTrue(details.contains("bias") && details.contains("base score"), details);
        assertTrue(details.contains("Strongest supporters") || details.contains("Strongest attackers"), details);
        screenshot("demo-selected");
        assertNoErrors();
    }

    @Test
    void hoveringAnEdgeShowsItsWeight() throws Exception {
        open(page("hover", demo, Map.of()));
        Edge strongest = demo.edges().stream().max(Comparator.comparingDouble(e -> Math.abs(e.weight()))).orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Number> from = (Map<String, Number>) js("return window.illcViewer.screenPosition(arguments[0]);", strongest.source());
        @SuppressWarnings("unchecked")
        Map<String, Number> to = (Map<String, Number>) js("return window.illcViewer.screenPosition(arguments[0]);", strongest.target());

        // The drawn curve passes through the midpoint of its two ends.
        new Actions(browser).moveToLocation((int) Math.round((from.get("x").doubleValue() + to.get("x").doubleValue()) / 2),
                (int) Math.round((from.get("y").doubleValue() + to.get("y").doubleValue()) / 2)).perform();
        Thread.sleep(200);

        @SuppressWarnings("unchecked")
        Map<String, Object> hovered = (Map<String, Object>) js("return window.illcViewer.hovered;");
        assertNotNull(hovered, "no edge under the mouse");
        Edge edge = demo.edges().stream().filter(e -> e.source().equals(hovered.get("source"))
                && e.target().equals(hovered.get("target"))).findFirst().orElseThrow();
        assertEquals(edge.weight(), ((Number) hovered.get("weight")).doubleValue());
        String tooltip = browser.findElement(By.id("tooltip")).getText();
        assertTrue(tooltip.contains("\nweight " + js("return String(window.illcViewer.hovered.weight);") + "\ns "), tooltip);
        assertNoErrors();
    }

    @Test
    void aLocalExplanationShowsTheRowItsPredictionTrueLabelAndStrengths() throws Exception {
        open(pageWithSummary("demo-local", demoLocal, Map.of()));
        Argument cluster = demoLocal.arguments().stream().filter(a -> a.kind() == Argument.Kind.CLUSTER)
                .max(Comparator.comparingInt((Argument a) -> a.members().size())).orElseThrow();

        clickArgument(cluster.id());

        assertEquals(Boolean.TRUE, js("return window.illcViewer.local;"));
        LocalContext local = demoLocal.local();
        String row = browser.findElement(By.id("local")).getText();
        assertTrue(row.startsWith("EXPLAINED ROW\nRow 0: predicted " + local.prediction() + ", true label "
                + local.trueLabel()), row);
        String firstFeature = demoLocal.arguments().get(0).label();
        assertTrue(row.contains(firstFeature), row);
        String details = browser.findElement(By.id("details")).getText();
        assertTrue(details.contains("strength"), details);
        // Mouse off the graph, so the screenshot shows no tooltip.
        new Actions(browser).moveToLocation(WIDTH - 5, HEIGHT - 5).perform();
        assertTrue(canvasColours(screenshot("demo-local")) > 10, "the canvas is (nearly) blank");
        assertNoErrors();
    }

    @Test
    void showsHostileLabelsAsTextAndRunsNoneOfThem() throws Exception {
        String img = "<img src=x onerror=\"window.pwned = 1\">";
        String script = "</script><script>window.pwned = 2</script><!--";
        Qbaf hostile = new Qbaf(List.of(
                new Argument(img, 0, Argument.Kind.INPUT, img, List.of(), null, null, null),
                new Argument("C1.0", 1, Argument.Kind.CLUSTER, script, List.of(0), 0.5, 0.5, null),
                new Argument("out", 2, Argument.Kind.OUTPUT, "out", List.of(), 0.0, 0.0, null)),
                List.of(new Edge(img, "C1.0", 1), new Edge("C1.0", "out", -2)),
                List.of(Activation.RELU, Activation.LINEAR), null);
        open(page("hostile", hostile, Map.of("edgeQuantile", 0.0)));

        clickArgument("C1.0");

        assertEquals(null, js("return window.pwned === undefined ? null : window.pwned;"));
        assertEquals(3L, number("window.illcViewer.drawnArguments"));
        String details = browser.findElement(By.id("details")).getText();
        assertTrue(details.contains(script) && details.contains(img), details);
        assertNoErrors();
    }

    @Test
    void paintsTheLargestPaperNetworkOf20LayersOf100Clusters() throws Exception {
        Qbaf large = synthetic(20, 100, new Random(7));
        Path file = page("large", large, Map.of());
        long start = System.nanoTime();

        open(file);

        double wallMs = (System.nanoTime() - start) / 1e6;
        assertEquals(large.arguments().size(), number("window.illcViewer.drawnArguments"));
        assertEquals(large.edges().size(), number("window.illcViewer.edges"));
        assertTrue(number("window.illcViewer.visibleEdges") > 30_000, "the 0.8 quantile of ~190k edges");
        assertTrue(canvasColours(screenshot("large")) > 10, "the canvas is (nearly) blank");
        assertNoErrors();
        String timing = String.format(java.util.Locale.ROOT,
                "large page: %d arguments, %d edges, %d shown, %.1f MB; first paint %.0f ms after script start,"
                        + " %.0f ms after navigation start; driver.get to ready %.0f ms%n",
                large.arguments().size(), large.edges().size(), number("window.illcViewer.visibleEdges"),
                Files.size(file) / 1e6, ((Number) js("return window.illcViewer.firstPaintMs;")).doubleValue(),
                ((Number) js("return window.illcViewer.firstPaintSinceNavigationMs;")).doubleValue(), wallMs);
        System.out.print(timing);
        Files.writeString(OUT.resolve("large-timing.txt"), timing);

        assertEquals(large.edges().size(), number("window.illcViewer.setFilter({edgeQuantile: 0})"));
        assertNoErrors();
    }

    /**
     * A QBAF shaped like the paper's largest network: 10 inputs, {@code layers} fully connected
     * hidden layers of {@code width} cluster-neurons, 2 softmax outputs; random non-zero weights.
     */
    static Qbaf synthetic(int layers, int width, Random random) {
        List<Argument> arguments = new ArrayList<>();
        List<List<String>> ids = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            inputs.add("x" + i);
            arguments.add(new Argument("x" + i, 0, Argument.Kind.INPUT, "feature " + i, List.of(), null, null, null));
        }
        ids.add(inputs);
        for (int l = 1; l <= layers; l++) {
            List<String> layer = new ArrayList<>();
            for (int k = 0; k < width; k++) {
                String id = "C" + l + "." + k;
                double bias = random.nextGaussian();
                arguments.add(new Argument(id, l, Argument.Kind.CLUSTER, id + " (2 neurons)", List.of(2 * k, 2 * k + 1),
                        bias, Math.max(0, bias), null));
                layer.add(id);
            }
            ids.add(layer);
        }
        List<String> outputs = List.of("no", "yes");
        for (String o : outputs) {
            arguments.add(new Argument(o, layers + 1, Argument.Kind.OUTPUT, o, List.of(), random.nextGaussian(), null, null));
        }
        ids.add(outputs);
        List<Edge> edges = new ArrayList<>();
        for (int l = 1; l < ids.size(); l++) {
            for (String target : ids.get(l)) {
                for (String source : ids.get(l - 1)) {
                    edges.add(new Edge(source, target, random.nextGaussian()));
                }
            }
        }
        List<Activation> activations = new ArrayList<>();
        for (int l = 1; l <= layers; l++) {
            activations.add(Activation.RELU);
        }
        activations.add(Activation.SOFTMAX);
        return new Qbaf(arguments, edges, activations, null);
    }
}
