package io.illc.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.illc.api.Metric;
import io.illc.api.Mlp;
import io.illc.core.compress.Compressor;
import io.illc.core.data.BuiltinDatasets;
import io.illc.core.data.Dataset;
import io.illc.core.model.WeightsJson;
import io.illc.core.spec.CompressionSpec.Method;

import java.util.LinkedHashMap;
import java.util.Map;

final class ScratchThreshold {
    public static void main(String[] args) throws Exception {
        Mlp original = WeightsJson.parse(LocalGoldenTest.resource("bc_tiny.model.json"), "bc_tiny").mlp();
        Dataset data = BuiltinDatasets.load("breast-cancer");
        Map<String, Metric> metrics = new LinkedHashMap<>();
        metrics.put("local-io-unfaithfulness", LocalGoldenTest.metric("local-io-unfaithfulness", Map.of()));
        metrics.put("local-structural-unfaithfulness", LocalGoldenTest.metric("local-structural-unfaithfulness", Map.of()));
        metrics.put("local-structural-unfaithfulness (norm squared)",
                LocalGoldenTest.metric("local-structural-unfaithfulness", Map.of("norm", "squared")));
        for (String method : new String[]{"global", "illc"}) {
            JsonNode expected = new ObjectMapper().readTree(LocalGoldenTest.resource("bc_tiny." + method + ".ward.shrink0.5.local-rows0-4.metrics.json"));
            for (double t : new double[]{1e-12, 1e-14, 1e-16, 1e-18, 1e-20, 1e-25, 1e-30, 0}) {
                LocalExplainer ex = new LocalExplainer(LocalGoldenTest.settings(original, data, Method.valueOf(method.toUpperCase()), metrics, t), new Compressor());
                double worstRel = 0, worstAbs = 0;
                int kept = 0;
                for (int row = 0; row < 5; row++) {
                    LocalExplanation e = ex.explain(row);
                    kept += e.neighbours().length;
                    for (var entry : (Iterable<Map.Entry<String, JsonNode>>) expected.get("" + row)::fields) {
                        double exp = entry.getValue().get("value").asDouble();
                        double act = e.metrics().get(entry.getKey()).value();
                        worstAbs = Math.max(worstAbs, Math.abs(exp - act));
                        if (Math.abs(exp) > 1e-12) worstRel = Math.max(worstRel, Math.abs(exp - act) / Math.abs(exp));
                        JsonNode d = entry.getValue().get("details");
                        if (d != null) {
                            double ea = d.get("atInstance").asDouble();
                            double aa = ((Number) e.metrics().get(entry.getKey()).details().get("atInstance")).doubleValue();
                            worstRel = Math.max(worstRel, Math.abs(ea - aa) / Math.abs(ea));
                        }
                    }
                }
                System.out.println(method + " t=" + t + " kept(5 rows)=" + kept + " worstRel=" + worstRel + " worstAbs=" + worstAbs);
            }
        }
    }
}
