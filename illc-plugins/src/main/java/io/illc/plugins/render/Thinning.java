package io.illc.plugins.render;

import io.illc.api.Argument;
import io.illc.api.Edge;
import io.illc.api.Qbaf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Which edges a picture draws (docs/qbaf.md): the {@link EdgeSelection} by {@link EdgeStrength}
 * applied to the edges into each layer on its own ({@code perLayer}) or to all edges at once, plus
 * a path from the inputs to every output: from each output (in argument order) back to an input,
 * always taking the strongest incoming edge (ties: the earlier edge) whose source an input reaches.
 * So every layer keeps its strongest edges and every output is connected to the inputs in the
 * picture. Immutable.
 *
 * @param selection which edges of a group to keep
 * @param perLayer  whether each layer's incoming edges form a group of their own
 */
record Thinning(EdgeSelection selection, boolean perLayer) {
    Thinning {
        Objects.requireNonNull(selection, "selection");
    }

    /**
     * @param edges     the drawn edges, in QBAF edge order
     * @param pathEdges how many of them only the path to the outputs added
     * @param rule      one phrase: what the selection kept
     */
    record Drawn(List<Edge> edges, int pathEdges, String rule) {
    }

    Drawn apply(Qbaf qbaf, EdgeStrength strength) {
        List<Edge> edges = qbaf.edges();
        Map<String, Integer> layerOf = new HashMap<>();
        for (Argument a : qbaf.arguments()) {
            layerOf.put(a.id(), a.layer());
        }
        List<int[]> groups = new ArrayList<>();
        if (perLayer) {
            Map<Integer, List<Integer>> byLayer = new TreeMap<>();
            for (int i = 0; i < edges.size(); i++) {
                byLayer.computeIfAbsent(layerOf.get(edges.get(i).target()), l -> new ArrayList<>()).add(i);
            }
            byLayer.values().forEach(g -> groups.add(g.stream().mapToInt(Integer::intValue).toArray()));
        } else {
            groups.add(IntStream.range(0, edges.size()).toArray());
        }
        TreeSet<Integer> kept = new TreeSet<>();
        for (int[] group : groups) {
            for (int j : selection.select(strength.of(group))) {
                kept.add(group[j]);
            }
        }
        int selected = kept.size();
        kept.addAll(pathsToOutputs(qbaf, strength));
        String rule = perLayer
                ? (selection instanceof EdgeSelection.TopK k ? "the " + k.k() + " edges of largest s into each layer"
                : "s >= the " + DotRenderer.exact(((EdgeSelection.Quantile) selection).q()) + " quantile of s into each layer")
                : selection.describe(strength.of(groups.get(0)), "s");
        return new Drawn(kept.stream().map(edges::get).toList(), kept.size() - selected, rule);
    }

    /** The edges of the strongest-edge path back from every output to an input, as QBAF edge indices. */
    static List<Integer> pathsToOutputs(Qbaf qbaf, EdgeStrength strength) {
        List<Edge> edges = qbaf.edges();
        Map<String, List<Integer>> incoming = new HashMap<>();
        for (int i = 0; i < edges.size(); i++) {
            incoming.computeIfAbsent(edges.get(i).target(), t -> new ArrayList<>()).add(i);
        }
        // Arguments an input reaches: arguments are listed layer by layer, so one pass suffices.
        Map<String, Boolean> reached = new HashMap<>();
        for (Argument a : qbaf.arguments()) {
            boolean r = a.kind() == Argument.Kind.INPUT || incoming.getOrDefault(a.id(), List.of()).stream()
                    .anyMatch(i -> reached.getOrDefault(edges.get(i).source(), false));
            reached.put(a.id(), r);
        }
        List<Integer> path = new ArrayList<>();
        for (Argument o : qbaf.arguments()) {
            if (o.kind() != Argument.Kind.OUTPUT || !reached.get(o.id())) {
                continue;
            }
            String at = o.id();
            while (true) {
                int best = -1;
                for (int i : incoming.getOrDefault(at, List.of())) {
                    if (reached.getOrDefault(edges.get(i).source(), false) && (best < 0 || strength.get(i) > strength.get(best))) {
                        best = i;
                    }
                }
                if (best < 0) {
                    break;
                }
                path.add(best);
                at = edges.get(best).source();
            }
        }
        return path;
    }
}
