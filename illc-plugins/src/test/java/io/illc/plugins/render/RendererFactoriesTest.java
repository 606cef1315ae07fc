package io.illc.plugins.render;

import io.illc.api.ExplanationRenderer;
import io.illc.api.ExplanationRendererFactory;
import io.illc.api.Parameter;
import io.illc.api.Parameters;
import io.illc.api.Qbaf;
import io.illc.api.RenderContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RendererFactoriesTest {

    @Test
    void serviceLoaderFindsTheJsonDotHtmlAndBagRenderersWithOneLineDescriptions() {
        List<ExplanationRendererFactory> factories = ServiceLoader.load(ExplanationRendererFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.getClass().getPackageName().equals(RendererFactoriesTest.class.getPackageName()))
                .toList();

        assertEquals(List.of("bag", "dot", "html", "json"), factories.stream().map(ExplanationRendererFactory::name).sorted().toList());
        for (ExplanationRendererFactory f : factories) {
            assertTrue(!f.description().isBlank() && !f.description().contains("\n"), f.name());
        }
    }

    @Test
    void theDotRendererDeclaresEdgeQuantileTopKAndPerLayer() {
        List<Parameter> parameters = new DotRendererFactory().parameters();

        assertEquals(List.of("edgeQuantile", "topK", "perLayer"), parameters.stream().map(Parameter::name).toList());
        assertEquals(true, parameters.get(2).defaultValue());
        Parameter quantile = parameters.get(0);
        assertEquals(0.8, quantile.defaultValue());
        assertEquals(0.0, quantile.min());
        assertEquals(1.0, quantile.max());
        Parameter topK = parameters.get(1);
        assertTrue(topK.optional());
        assertEquals(1.0, topK.min());
        assertEquals(List.of(), new JsonRendererFactory().parameters());
    }

    @Test
    void topKReplacesTheEdgeQuantileWhenSet() throws IOException {
        ExplanationRenderer byQuantile = new DotRendererFactory().create(Parameters.of(Map.of("edgeQuantile", 0.0)));
        ExplanationRenderer byTopK = new DotRendererFactory().create(Parameters.of(Map.of("edgeQuantile", 0.0, "topK", 1,
                "perLayer", false)));

        assertEquals(8, edgeCount(byQuantile));
        // The strongest edge, C1.1 -> C2.1, lies on the path to "yes"; the path to "no" adds 3 more.
        assertEquals(6, edgeCount(byTopK));
    }

    private static long edgeCount(ExplanationRenderer renderer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.render(HandQbaf.global(), out);
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(" -> ")).count();
    }

    @Test
    void theHtmlRendererDeclaresTheDotFilterParametersAndPerLayer() {
        List<Parameter> parameters = new HtmlRendererFactory().parameters();

        assertEquals(List.of("edgeQuantile", "topK", "perLayer"), parameters.stream().map(Parameter::name).toList());
        assertEquals(0.8, parameters.get(0).defaultValue());
        assertTrue(parameters.get(1).optional());
        assertEquals(true, parameters.get(2).defaultValue());
        assertEquals("html", new HtmlRendererFactory().create(Parameters.of(Map.of("edgeQuantile", 0.8))).fileExtension());
    }

    @Test
    void aRendererThatIgnoresTheRenderContextIsCalledThroughItsContextFreeMethod() throws IOException {
        ExplanationRenderer contextFree = new ExplanationRenderer() {
            @Override
            public String fileExtension() {
                return "txt";
            }

            @Override
            public void render(Qbaf qbaf, OutputStream out) throws IOException {
                out.write(("arguments: " + qbaf.arguments().size()).getBytes(StandardCharsets.UTF_8));
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        contextFree.render(HandQbaf.global(), new RenderContext("{}", Map.of(), List.of("a", "b")), out);

        assertEquals("arguments: " + HandQbaf.global().arguments().size(), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theJsonRendererIsOneSharedInstance() {
        assertEquals(JsonRenderer.INSTANCE, new JsonRendererFactory().create(Parameters.empty()));
        assertEquals("json", new JsonRendererFactory().name());
        assertEquals("dot", new DotRendererFactory().name());
    }
}
