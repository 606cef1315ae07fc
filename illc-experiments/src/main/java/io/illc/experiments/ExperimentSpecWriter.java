package io.illc.experiments;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.illc.core.catalog.PluginChoice;
import io.illc.core.run.Json;
import io.illc.core.spec.DataSpec;
import io.illc.core.spec.SpecWriter;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the effective experiment spec, {@code experiment.json}: every field with its defaults,
 * every plugin with its label and all of its parameters, paths absolute. {@link ExperimentSpecParser}
 * reads it back into an equal spec. Deterministic: equal specs give equal bytes. Thread-safe.
 */
public final class ExperimentSpecWriter {
    private ExperimentSpecWriter() {
    }

    /** The effective spec as UTF-8 JSON, 2-space indented, ending in a newline. */
    public static byte[] write(ExperimentSpec spec) {
        return Json.bytes(tree(spec));
    }

    /** The effective spec as a JSON tree. */
    public static ObjectNode tree(ExperimentSpec spec) {
        ObjectNode root = Json.object();
        root.put("experimentVersion", spec.experimentVersion());
        root.put("seed", spec.seed());
        ObjectNode data = root.putObject("data");
        if (spec.data() instanceof DataSpec.Builtin b) {
            data.put("builtin", b.name());
        } else if (spec.data() instanceof DataSpec.Csv c) {
            data.put("csv", c.file().toString());
            if (c.label() != null) {
                data.put("label", c.label());
            }
        }
        if (spec.models() != null) {
            ObjectNode model = root.putObject("model");
            spec.models().files().forEach(f -> model.withArray("load").add(f.toString()));
            if (spec.models().format() == null) {
                model.putNull("format");
            } else {
                model.put("format", spec.models().format());
            }
        }
        ExperimentGrid g = spec.grid();
        ObjectNode grid = root.putObject("grid");
        if (g.trains()) {
            g.depths().forEach(grid.putArray("depths")::add);
            g.widths().forEach(grid.putArray("widths")::add);
            grid.put("activation", g.activation().jsonName());
            g.trainingSeeds().forEach(grid.putArray("trainingSeeds")::add);
        }
        g.shrinks().forEach(grid.putArray("shrinks")::add);
        ArrayNode methods = grid.putArray("methods");
        g.methods().forEach(m -> methods.add(m.jsonName()));
        grid.set("clusterings", choices(g.clusterings()));
        grid.set("aggregations", choices(g.aggregations()));
        if (g.trains()) {
            ObjectNode train = grid.putObject("train");
            train.put("epochs", g.training().epochs());
            train.put("batchSize", g.training().batchSize());
            train.put("learningRate", g.training().learningRate());
            train.put("testFraction", g.training().testFraction());
            train.put("output", g.training().output().jsonName());
        }
        grid.put("localRows", g.localRows());
        // Written only when given (its default depends on the data's size), so older folders still resume.
        if (g.localNeighbourhood() != null) {
            if (g.localNeighbourhood().all()) {
                grid.put("localNeighbourhood", "all");
            } else {
                grid.putObject("localNeighbourhood").put("sample", g.localNeighbourhood().sample());
            }
        }
        // Written only when used, so the experiment.json of a grid without them stays as it was and still resumes.
        if (g.holdout() > 0) {
            grid.put("holdout", g.holdout());
        }
        if (g.finetune() != null) {
            ObjectNode finetune = grid.putObject("finetune");
            ArrayNode ftMethods = finetune.putArray("methods");
            g.finetune().methods().forEach(m -> ftMethods.add(m.jsonName()));
            g.finetune().aggregations().forEach(finetune.putArray("aggregations")::add);
            finetune.set("params", SpecWriter.finetune(g.finetune().params()));
        }
        root.set("metrics", choices(spec.metrics()));
        root.put("output", spec.output().toString());
        return root;
    }

    /**
     * What decides the results: the effective spec without its output folder, so a moved or
     * renamed folder still resumes.
     */
    static ObjectNode resultDefining(ExperimentSpec spec) {
        ObjectNode tree = tree(spec);
        tree.remove("output");
        return tree;
    }

    private static ArrayNode choices(List<LabelledChoice> choices) {
        ArrayNode a = Json.object().arrayNode();
        for (LabelledChoice c : choices) {
            ObjectNode n = a.addObject();
            n.put("name", c.name());
            n.put("label", c.label());
            n.set("params", params(c.plugin()));
        }
        return a;
    }

    static ObjectNode params(PluginChoice c) {
        ObjectNode params = Json.object();
        for (Map.Entry<String, Object> e : c.params().asMap().entrySet()) {
            Object v = e.getValue();
            if (v instanceof Integer i) {
                params.put(e.getKey(), i);
            } else if (v instanceof Double d) {
                params.put(e.getKey(), d);
            } else if (v instanceof Boolean b) {
                params.put(e.getKey(), b);
            } else if (v instanceof Path p) {
                params.put(e.getKey(), p.toString());
            } else {
                params.put(e.getKey(), String.valueOf(v));
            }
        }
        return params;
    }
}
