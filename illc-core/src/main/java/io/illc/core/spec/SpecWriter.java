package io.illc.core.spec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.illc.api.Activation;
import io.illc.core.catalog.PluginChoice;
import io.illc.core.io.JsonOutput;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the effective spec: every field of a {@link PipelineSpec} with its defaults filled in,
 * every plugin with all of its parameters, paths relative to the output folder (where spec.json
 * goes), in the field order of {@code docs/spec.md}. {@link SpecParser} reads the result back, from
 * that folder, into an equal spec, so the file next to a run's results reproduces it. Deterministic:
 * equal specs give equal bytes. The one field left out is {@code execution}: how many threads ran
 * changes no result (provenance.json records it), so runs with different {@code --threads} or on
 * different machines write equal files.
 *
 * <p>Some fields are written only in one form: {@code "shrink"} is left out when {@code "clusters"}
 * or {@code "complexity"} is set, {@code "finetune"} is written only when fine-tuning is on (then
 * with every field), and a CSV's {@code "label"} is left out when it means "the last column" (its
 * name is only known once the file is read). Optional plugin parameters that were not set are left out.
 * Thread-safe.
 */
public final class SpecWriter {
    public SpecWriter() {
        // Stateless.
    }

    /** The effective spec as UTF-8 JSON, 2-space indented, ending in a newline. */
    public byte[] write(PipelineSpec spec) {
        return JsonOutput.spec(tree(spec));
    }

    /**
     * The effective spec as a JSON tree, its paths relative to the spec's output folder, where
     * {@code spec.json} is written: read from there, it names the same files and writes to the same
     * folder ({@code "output": "."}), and a run folder moved together with its inputs still does.
     */
    public ObjectNode tree(PipelineSpec spec) {
        Path folder = spec.output();
        ObjectNode root = JsonOutput.object();
        root.put("specVersion", spec.specVersion());
        root.put("seed", spec.seed());
        root.set("data", data(spec.data(), folder));
        root.set("model", model(spec.model(), folder));
        root.set("compression", compression(spec.compression(), folder));
        root.set("metrics", plugins(spec.metrics(), folder));
        if (spec.local() != null) {
            root.set("local", local(spec.local(), folder));
        }
        AnalysisSpecs.write(root, spec.analysis());
        root.set("renderers", plugins(spec.renderers(), folder));
        root.put("output", relative(folder, spec.output()));
        return root;
    }

    private static ObjectNode data(DataSpec data, Path folder) {
        ObjectNode n = JsonOutput.object();
        if (data instanceof DataSpec.Builtin b) {
            n.put("builtin", b.name());
        } else if (data instanceof DataSpec.Csv c) {
            n.put("csv", relative(folder, c.file()));
            if (!c.hasLabel()) {
                n.putNull("label");
            } else if (c.label() != null) {
                n.put("label", c.label());
            }
        } else {
            throw new IllegalStateException("unknown data spec " + data);
        }
        return n;
    }

    private static ObjectNode model(ModelSpec model, Path folder) {
        ObjectNode n = JsonOutput.object();
        if (model instanceof ModelSpec.Load l) {
            n.put("load", relative(folder, l.file()));
            if (l.format() == null) {
                n.putNull("format");
            } else {
                n.put("format", l.format());
            }
        } else if (model instanceof ModelSpec.Train t) {
            TrainSpec s = t.train();
            ObjectNode train = n.putObject("train");
            ArrayNode hidden = train.putArray("hidden");
            s.hidden().forEach(hidden::add);
            if (s.activation().hasParameter() && !s.activation().equals(Activation.fromName(s.activation().jsonName()))) {
                ObjectNode activation = train.putObject("activation");
                activation.put("name", s.activation().jsonName());
                activation.put(s.activation().kind().parameterName(), s.activation().parameter());
            } else {
                train.put("activation", s.activation().jsonName());
            }
            train.put("epochs", s.epochs());
            train.put("batchSize", s.batchSize());
            train.put("learningRate", s.learningRate());
            train.put("testFraction", s.testFraction());
            train.put("output", s.output().jsonName());
        } else {
            throw new IllegalStateException("unknown model spec " + model);
        }
        return n;
    }

    private static ObjectNode compression(CompressionSpec c, Path folder) {
        ObjectNode n = JsonOutput.object();
        n.put("method", c.method().jsonName());
        if (c.complexity() != null) {
            n.put("complexity", c.complexity());
        } else if (c.clusters() == null) {
            n.put("shrink", c.shrink());
        } else {
            ArrayNode clusters = n.putArray("clusters");
            c.clusters().forEach(clusters::add);
        }
        n.set("clustering", plugin(c.clustering(), folder));
        n.set("aggregation", plugin(c.aggregation(), folder));
        if (c.holdout() == 0) {
            n.put("rows", "all");
        } else {
            n.putObject("rows").put("holdout", c.holdout());
        }
        if (c.finetune() != null) {
            n.set("finetune", finetune(c.finetune()));
        }
        return n;
    }

    /** A {@code "finetune"} object with every field, {@code "transfer": null} when there are no transfer rows. */
    public static ObjectNode finetune(FinetuneSpec f) {
        ObjectNode finetune = JsonOutput.object();
        finetune.put("epochs", f.epochs());
        finetune.put("learningRate", f.learningRate());
        finetune.put("structuralWeight", f.structuralWeight());
        finetune.put("batchSize", f.batchSize());
        finetune.put("patience", f.patience());
        finetune.put("validation", f.validation());
        if (f.transfer() == null) {
            finetune.putNull("transfer");
        } else {
            ObjectNode transfer = finetune.putObject("transfer");
            transfer.put("noise", f.transfer().noise());
            transfer.put("mixup", f.transfer().mixup());
            transfer.put("samples", f.transfer().samples());
        }
        finetune.put("outputLoss", f.outputLoss().jsonName());
        return finetune;
    }

    private static ObjectNode local(LocalSpec l, Path folder) {
        ObjectNode n = JsonOutput.object();
        if (l.all()) {
            n.put("instances", "all");
        } else if (l.instances() != null) {
            ArrayNode rows = n.putArray("instances");
            l.instances().forEach(rows::add);
        }
        if (l.newRows() != null) {
            n.put("csv", relative(folder, l.newRows()));
        }
        n.put("preset", l.preset().jsonName());
        ObjectNode kernel = n.putObject("kernel");
        if (l.width() == null) {
            kernel.putNull("width");
        } else {
            kernel.put("width", l.width());
        }
        kernel.put("distance", l.distance().jsonName());
        n.set("aggregation", plugin(l.aggregation(), folder));
        n.set("clustering", plugin(l.clustering(), folder));
        n.put("renderAll", l.renderAll());
        if (l.limeRidge() != null) {
            n.putObject("baseline").put("name", "lime").put("ridge", l.limeRidge());
        }
        if (l.neighbourhood() != null) {
            if (l.neighbourhood().all()) {
                n.put("neighbourhood", "all");
            } else if (l.neighbourhood().perturbed()) {
                ObjectNode perturb = n.putObject("neighbourhood").putObject("perturb");
                perturb.put("samples", l.neighbourhood().perturb());
                perturb.put("scale", l.neighbourhood().scale());
            } else {
                n.putObject("neighbourhood").put("sample", l.neighbourhood().sample());
            }
        }
        AnalysisSpecs.write(n, l.analysis());
        return n;
    }

    private static ArrayNode plugins(List<PluginChoice> choices, Path folder) {
        ArrayNode a = JsonOutput.array();
        choices.forEach(c -> a.add(plugin(c, folder)));
        return a;
    }

    private static ObjectNode plugin(PluginChoice c, Path folder) {
        ObjectNode n = JsonOutput.object();
        n.put("name", c.name());
        ObjectNode params = n.putObject("params");
        for (Map.Entry<String, Object> e : c.params().asMap().entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            if (v instanceof Integer i) {
                params.put(key, i);
            } else if (v instanceof Double d) {
                params.put(key, d);
            } else if (v instanceof Boolean b) {
                params.put(key, b);
            } else if (v instanceof String s) {
                params.put(key, s);
            } else if (v instanceof Path p) {
                params.put(key, relative(folder, p));
            } else {
                throw new IllegalStateException("parameter '" + key + "' of " + c.kind().label() + " '" + c.name()
                        + "' holds a " + v.getClass().getName() + "; parameters hold Integer, Double, Boolean, String or Path");
            }
        }
        return n;
    }

    /**
     * {@code path} relative to {@code folder}, with forward slashes ("." for the folder itself); the
     * absolute path when none exists (another file-system root).
     */
    static String relative(Path folder, Path path) {
        try {
            String text = folder.relativize(path).toString().replace('\\', '/');
            return text.isEmpty() ? "." : text;
        } catch (IllegalArgumentException otherRoot) {
            return path.toString();
        }
    }
}
