package io.illc.core.run;

import io.illc.core.InputException;
import io.illc.core.catalog.PluginCatalog;
import io.illc.core.spec.ExecutionSpec;
import io.illc.core.spec.PipelineSpec;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Computes a spec on the engine its {@code execution.engine} names: this machine
 * ({@link PipelineRunner}), or a {@link RunEngine} found by {@link ServiceLoader} through the thread's
 * context class loader (which a launcher points at an engine's jars only when that engine is asked
 * for, so they weigh on no other run). Stateless and thread-safe.
 */
public final class Engines {
    private final PipelineRunner runner;
    private final PluginCatalog catalog;

    @Inject
    public Engines(PipelineRunner runner, PluginCatalog catalog) {
        this.runner = runner;
        this.catalog = catalog;
    }

    /**
     * @throws InputException for bad input, and when the engine the spec names is not installed
     */
    public RunResult compute(PipelineSpec spec, Progress progress) {
        return compute(spec, progress, null);
    }

    /**
     * The same for a run that writes its output into {@code staging} ({@link RunEngine#compute(PipelineSpec,
     * PluginCatalog, Progress, Path)}); {@code null} when the results are only computed.
     */
    public RunResult compute(PipelineSpec spec, Progress progress, Path staging) {
        String name = spec.execution().engine();
        if (name.equals(ExecutionSpec.LOCAL)) {
            return runner.compute(spec, progress);
        }
        return find(name, Thread.currentThread().getContextClassLoader()).compute(spec, catalog, progress, staging);
    }

    /**
     * The engine called {@code name} among those {@code loader} sees.
     *
     * @throws InputException when there is none, or more than one
     */
    public static RunEngine find(String name, ClassLoader loader) {
        List<RunEngine> found = new ArrayList<>();
        for (RunEngine engine : ServiceLoader.load(RunEngine.class, loader)) {
            if (engine.name().equals(name)) {
                found.add(engine);
            }
        }
        if (found.isEmpty()) {
            throw new InputException("the " + name + " engine is not installed: illc-" + name
                    + " and its libraries are not on the class path (the distribution keeps them in lib/" + name + "/)");
        }
        if (found.size() > 1) {
            throw new InputException("two " + name + " engines are installed: " + found.get(0).getClass().getName()
                    + " and " + found.get(1).getClass().getName() + "; remove one");
        }
        return found.get(0);
    }
}
