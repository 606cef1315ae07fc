package io.illc.plugins.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.illc.api.Activation;
import io.illc.api.Argument;
import io.illc.api.Edge;
import io.illc.api.ExplanationRenderer;
import io.illc.api.Parameters;
import io.illc.api.Qbaf;
import io.illc.api.RenderContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlRendererTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QBAF_OPEN = "<script type=\"application/json\" id=\"qbaf\">";
    private static final String PAGE_OPEN = "<script type=\"application/json\" id=\"illc-page\">";

    private static String render(Qbaf qbaf, Map<String, Object> params) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer(params).render(qbaf, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String renderWithSummary(Qbaf qbaf, String summary) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer(Map.of()).render(qbaf, withSummary(summary), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static RenderContext withSummary(String summary) {
        return new RenderContext(summary, Map.of(), List.of());
    }

    private static ExplanationRenderer renderer(Map<String, Object> params) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("edgeQuantile", 0.8);
        all.putAll(params);
        return new HtmlRendererFactory().create(Parameters.of(all));
    }

    /** The text of the first {@code <script>} element that opens with {@code open}, up to its end tag. */
    private static String scriptText(String html, String open) {
        int start = html.indexOf(open);
        assertTrue(start >= 0, "no " + open + " in the page");
        int end = html.indexOf("</script>", start);
        return html.substring(start + open.length(), end);
    }

    private static String jsonDocument(Qbaf qbaf) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonRenderer.INSTANCE.render(qbaf, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void embedsExactlyTheJsonRenderersDocument() throws IOException {
        for (Qbaf qbaf : List.of(HandQbaf.global(), HandQbaf.local(), HandQbaf.sigmoidOutput())) {
            String html = render(qbaf, Map.of());

            assertEquals(jsonDocument(qbaf), scriptText(html, QBAF_OPEN));
        }
    }

    @Test
    void escapesEveryLessThanSoNoLabelCanCloseTheScriptElementOrOpenAComment() throws IOException {
        String evil = "</script><script>alert(1)</script><!--<script>";
        Qbaf qbaf = new Qbaf(List.of(
                new Argument(evil, 0, Argument.Kind.INPUT, evil, List.of(), null, null, null),
                new Argument("out", 1, Argument.Kind.OUTPUT, "</SCRIPT >" + evil, List.of(), 0.0, 0.0, null)),
                List.of(new Edge(evil, "out", 1)), List.of(Activation.LINEAR), null);
        String template = render(HandQbaf.global(), Map.of());

        String html = render(qbaf, Map.of());

        String embedded = scriptText(html, QBAF_OPEN);
        assertFalse(embedded.contains("<"), embedded);
        assertEquals(count(template.toLowerCase(), "</script"), count(html.toLowerCase(), "</script"));
        assertEquals(count(template, "<!--"), count(html, "<!--"));
        // JSON.parse (here: Jackson) reads the escape back as '<': the page sees the true labels.
        JsonNode document = JSON.readTree(embedded);
        assertEquals(evil, document.get("arguments").get(0).get("label").asText());
        assertEquals(JSON.readTree(jsonDocument(qbaf)), document);
    }

    @Test
    void startsTheEdgeFilterWhereTheParametersSayAndHasNoSummaryByDefault() throws IOException {
        String nothingElse = "\"summary\": null, \"classLabels\": {}, \"features\": null, \"attribution\": null}";
        assertEquals(JSON.readTree("{\"edgeQuantile\": 0.8, \"perLayer\": true, " + nothingElse),
                JSON.readTree(scriptText(render(HandQbaf.global(), Map.of()), PAGE_OPEN)));
        assertEquals(JSON.readTree("{\"topK\": 3, \"perLayer\": false, " + nothingElse),
                JSON.readTree(scriptText(render(HandQbaf.global(), Map.of("topK", 3, "perLayer", false)), PAGE_OPEN)));
    }

    @Test
    void embedsTheClassLabelsFeatureSummariesAndAttributionsOfTheRenderContext() throws IOException {
        String features = "{\"format\": \"illc-features\", \"scale\": \"std\", \"std\": {\"a\": 2},"
                + " \"arguments\": {\"C1.0\": {\"a\": 0.5, \"b\": -1}}}";
        String attribution = "{\"target\": \"no\", \"methods\": {\"removal\": {\"C1.0\": 0.25, \"x\": \"</script>\"}}}";
        RenderContext context = new RenderContext(null, Map.of(), List.of("no", "yes"), Map.of("no", "benign"),
                Map.of(RenderContext.FEATURES, features, RenderContext.ATTRIBUTION, attribution));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer(Map.of()).render(HandQbaf.global(), context, out);

        String page = scriptText(out.toString(StandardCharsets.UTF_8), PAGE_OPEN);
        assertFalse(page.contains("<"), page);
        JsonNode settings = JSON.readTree(page);
        assertEquals(JSON.readTree("{\"no\": \"benign\"}"), settings.get("classLabels"));
        assertEquals(JSON.readTree(features), settings.get("features"));
        assertEquals(JSON.readTree(attribution), settings.get("attribution"));
    }

    @Test
    void refusesADocumentThatIsNotOneJsonObject() {
        RenderContext context = RenderContext.NONE.withDocuments(Map.of(RenderContext.ATTRIBUTION, "[1, 2]"));

        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> renderer(Map.of()).render(HandQbaf.global(), context, new ByteArrayOutputStream()));
        assertEquals("attribution.json is not one JSON object", e.getMessage());
    }

    @Test
    void carriesTheRenderContextsRunSummaryIntoThePageAsJson() throws IOException {
        String summary = "{\"spec\": {\"seed\": 0, \"compression\": {\"method\": \"global\", \"shrink\": 0.5}},"
                + " \"metrics\": {\"io-unfaithfulness\": {\"value\": 0.0083}, \"note\": \"a </script> b\"}}";

        String page = scriptText(renderWithSummary(HandQbaf.global(), summary), PAGE_OPEN);

        assertFalse(page.contains("<"), page);
        JsonNode settings = JSON.readTree(page);
        assertEquals(JSON.readTree(summary), settings.get("summary"));
        assertEquals(0.8, settings.get("edgeQuantile").asDouble());
    }

    @Test
    void refusesASummaryThatIsNotOneJsonObject() {
        for (String bad : List.of("[1, 2]", "not json", "", "{} {}", "42")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> renderWithSummary(HandQbaf.global(), bad), bad);
            assertTrue(e.getMessage().startsWith("summary is "), e.getMessage());
            assertTrue(e.getMessage().contains("give a JSON object"), e.getMessage());
        }
    }

    @Test
    void isOnePageThatLoadsNothingFromOutside() throws IOException {
        String html = render(HandQbaf.local(), Map.of());

        assertTrue(html.startsWith("<!DOCTYPE html>\n"), html.substring(0, 40));
        assertTrue(html.endsWith("</html>\n"));
        // CSS url(...) as a word: the export's canvas.toDataURL() makes a data: URL and loads nothing.
        Matcher external = Pattern.compile("<(script|img|iframe)[^>]*\\ssrc\\s*=|<link\\b|@import|(?<![A-Za-z])url\\(",
                Pattern.CASE_INSENSITIVE).matcher(html);
        assertFalse(external.find(), () -> "the page refers to an outside resource: " + external.group());
        assertEquals(1, count(html, QBAF_OPEN));
        assertEquals(1, count(html, PAGE_OPEN));
        assertFalse(html.contains(HtmlRenderer.QBAF_SLOT) || html.contains(HtmlRenderer.PAGE_SLOT));
    }

    @Test
    void rendersTheSameBytesEveryTimeAndLeavesTheStreamOpen() throws IOException {
        ExplanationRenderer renderer = renderer(Map.of());
        RenderContext context = withSummary("{\"metrics\": {\"agreement\": {\"value\": 0.1}}}");
        DotRendererTest.CloseTrackingStream first = new DotRendererTest.CloseTrackingStream();
        renderer.render(HandQbaf.local(), context, first);
        DotRendererTest.CloseTrackingStream second = new DotRendererTest.CloseTrackingStream();
        renderer.render(HandQbaf.local(), context, second);

        assertArrayEquals(first.toByteArray(), second.toByteArray());
        assertFalse(first.closed);
        assertEquals("html", renderer.fileExtension());
    }

    @Test
    void refusesANonFiniteNumberBeforeWritingAnything() {
        Qbaf qbaf = new Qbaf(List.of(new Argument("x", 0, Argument.Kind.INPUT, "x", List.of(), null, null, Double.NaN),
                new Argument("y", 1, Argument.Kind.OUTPUT, "y", List.of(), 0.0, 0.0, null)),
                List.of(new Edge("x", "y", 1)), List.of(Activation.LINEAR), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThrows(IllegalArgumentException.class, () -> renderer(Map.of()).render(qbaf, out));
        assertEquals(0, out.size());
    }
}
