package io.illc.plugins.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.illc.api.ExplanationRenderer;
import io.illc.api.Qbaf;
import io.illc.api.RenderContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes one self-contained HTML page that shows the QBAF interactively, offline, from a
 * {@code file://} URL: layers left to right on a canvas, an edge filter slider, details of the
 * clicked argument, the explained row of a local explanation and, when the render context has one, a
 * summary of the run.
 *
 * <p>The page is the template {@code viewer-template.html} (built from {@code illc-viewer/}, see
 * docs/viewer.md) with two data slots filled, both as {@code <script type="application/json">}
 * elements, the page's only data:
 * <ul>
 *   <li>{@code id="qbaf"}: the {@code illc-qbaf} document, byte for byte what the {@code json}
 *       renderer writes apart from the escaping below;</li>
 *   <li>{@code id="illc-page"}: where the edge filter starts, {@code "edgeQuantile": q} or
 *       {@code "topK": k}, and {@code "perLayer"}; {@code "summary"}: the render context's run
 *       summary object ({@link RenderContext#runSummary()}) or {@code null}; {@code "classLabels"}:
 *       the context's class labels (an object, maybe empty); {@code "features"} and
 *       {@code "attribution"}: the context's {@code features.json} and {@code attribution.json}
 *       objects, or {@code null}.</li>
 * </ul>
 * Every {@code <} in the JSON is written as the JSON escape {@code \u003c} (it can only occur
 * inside strings), so no label can close the script element ({@code </script>}) or open an HTML
 * comment ({@code <!--}) that would keep it from closing; {@code JSON.parse} reads the same text.
 *
 * <p>The output is a pure function of the QBAF, the render context and the parameters. Immutable and
 * thread-safe.
 */
final class HtmlRenderer implements ExplanationRenderer {
    /** The built page template, a resource next to this class. */
    static final String TEMPLATE_RESOURCE = "viewer-template.html";
    static final String QBAF_SLOT = "@ILLC_QBAF_JSON@";
    static final String PAGE_SLOT = "@ILLC_PAGE_JSON@";

    // Shortest round-trip doubles on every JDK, as the json renderer writes them; a summary with
    // anything after its object is refused rather than silently cut.
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final EdgeSelection initialFilter;
    private final boolean perLayer;

    /**
     * @param initialFilter where the page's edge filter starts
     * @param perLayer      whether the filter starts per layer (each layer's incoming edges on their own)
     */
    HtmlRenderer(EdgeSelection initialFilter, boolean perLayer) {
        this.initialFilter = Objects.requireNonNull(initialFilter, "initialFilter");
        this.perLayer = perLayer;
    }

    @Override
    public String fileExtension() {
        return "html";
    }

    /** The page without a run summary. */
    @Override
    public void render(Qbaf qbaf, OutputStream out) throws IOException {
        render(qbaf, RenderContext.NONE, out);
    }

    /**
     * The page with the context's run summary, if it has one.
     *
     * @throws IllegalArgumentException when the run summary is not one JSON object
     */
    @Override
    public void render(Qbaf qbaf, RenderContext context, OutputStream out) throws IOException {
        ObjectNode summary = context.runSummary() == null ? null : summaryObject(context.runSummary());
        ObjectNode page = pageSettings(summary);
        ObjectNode labels = page.putObject("classLabels");
        context.classLabels().forEach(labels::put);
        page.set("features", document(context, RenderContext.FEATURES));
        page.set("attribution", document(context, RenderContext.ATTRIBUTION));
        ByteArrayOutputStream document = new ByteArrayOutputStream();
        JsonRenderer.INSTANCE.render(qbaf, document);
        Template template = Template.INSTANCE;
        out.write(template.beforeQbaf);
        out.write(scriptSafe(document.toString(StandardCharsets.UTF_8)));
        out.write(template.betweenSlots);
        out.write(scriptSafe(MAPPER.writeValueAsString(page)));
        out.write(template.afterPage);
        out.flush();
    }

    private ObjectNode pageSettings(ObjectNode summary) {
        ObjectNode page = MAPPER.createObjectNode();
        if (initialFilter instanceof EdgeSelection.TopK topK) {
            page.put("topK", topK.k());
        } else {
            page.put("edgeQuantile", ((EdgeSelection.Quantile) initialFilter).q());
        }
        page.put("perLayer", perLayer);
        page.set("summary", summary);
        return page;
    }

    /**
     * The document {@code name} of the render context as a JSON object, or {@code null} when the
     * context has none.
     *
     * @throws IllegalArgumentException when it is there but not one JSON object
     */
    static ObjectNode document(RenderContext context, String name) {
        String text = context.documents().get(name);
        if (text == null) {
            return null;
        }
        try {
            if (MAPPER.readTree(text) instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + " is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        throw new IllegalArgumentException(name + " is not one JSON object");
    }

    private static ObjectNode summaryObject(String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("summary is not valid JSON (" + e.getOriginalMessage()
                    + "); give a JSON object like {\"spec\": {...}, \"metrics\": {...}}");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("summary is " + (node == null || node.isMissingNode() ? "empty" : "a JSON " + node.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT)) + "; give a JSON object like {\"spec\": {...}, \"metrics\": {...}}");
        }
        return object;
    }

    /**
     * JSON text that can stand inside a {@code <script>} element: every {@code <} becomes the JSON
     * escape {@code \u003c}. Valid because {@code <} can only occur inside JSON strings.
     */
    static byte[] scriptSafe(String json) {
        return json.replace("<", "\\u003c").getBytes(StandardCharsets.UTF_8);
    }

    /** The page template, read once, split at its two data slots. */
    private static final class Template {
        static final Template INSTANCE = load();

        final byte[] beforeQbaf;
        final byte[] betweenSlots;
        final byte[] afterPage;

        private Template(String html) {
            int qbaf = onlyOccurrence(html, QBAF_SLOT);
            int page = onlyOccurrence(html, PAGE_SLOT);
            if (page < qbaf) {
                throw new IllegalStateException(TEMPLATE_RESOURCE + " has the page slot before the QBAF slot");
            }
            beforeQbaf = html.substring(0, qbaf).getBytes(StandardCharsets.UTF_8);
            betweenSlots = html.substring(qbaf + QBAF_SLOT.length(), page).getBytes(StandardCharsets.UTF_8);
            afterPage = html.substring(page + PAGE_SLOT.length()).getBytes(StandardCharsets.UTF_8);
        }

        private static int onlyOccurrence(String html, String slot) {
            int at = html.indexOf(slot);
            if (at < 0 || html.indexOf(slot, at + 1) >= 0) {
                throw new IllegalStateException(TEMPLATE_RESOURCE + " must hold " + slot + " exactly once;"
                        + " rebuild it with `npm run build` in illc-viewer/");
            }
            return at;
        }

        private static Template load() {
            try (InputStream in = HtmlRenderer.class.getResourceAsStream(TEMPLATE_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the resource " + TEMPLATE_RESOURCE + " is missing from illc-plugins");
                }
                return new Template(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + TEMPLATE_RESOURCE, e);
            }
        }
    }
}
