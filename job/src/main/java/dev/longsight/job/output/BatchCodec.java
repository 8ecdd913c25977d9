package dev.longsight.job.output;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longsight.job.unit.UnitResult;
import java.util.ArrayList;
import java.util.List;

/**
 * One committed batch as text: a header line {@code {"fingerprint":..,"units":n}} then one JSON
 * line per result record ({@link UnitResult} for a run, one length's rows for a fidelity sweep).
 * The count in the header lets a reader reject a truncated file.
 */
final class BatchCodec {
    /** Records' components only: an is-getter such as {@code UnitResult.isModel()} would otherwise replace the "model" component. */
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);

    private BatchCodec() {}

    static String encode(String fingerprint, List<?> results) {
        try {
            ObjectNode header = JSON.createObjectNode().put("fingerprint", fingerprint).put("units", results.size());
            StringBuilder b = new StringBuilder(JSON.writeValueAsString(header)).append('\n');
            for (Object r : results) b.append(JSON.writeValueAsString(r)).append('\n');
            return b.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode results: " + e.getMessage(), e);
        }
    }

    /**
     * A record's line with every double component it lacks set to NaN: a column added after the
     * batch was written reads as not measured, not as a measured zero.
     */
    private static JsonNode withNaNForMissing(JsonNode line, Class<?> type) {
        if (!type.isRecord() || !(line instanceof ObjectNode o)) return line;
        for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
            if (c.getType() == double.class && !o.has(c.getName())) o.put(c.getName(), Double.NaN);
        }
        return o;
    }

    /** Decodes a batch; throws IllegalStateException naming the problem if it is not a complete batch of this config. */
    static List<UnitResult> decode(String text, String fingerprint) {
        return decode(text, fingerprint, UnitResult.class);
    }

    /** Decodes a batch of {@code type} records. */
    static <T> List<T> decode(String text, String fingerprint, Class<T> type) {
        String[] lines = text.split("\n");
        try {
            JsonNode header = JSON.readTree(lines[0]);
            if (!fingerprint.equals(header.path("fingerprint").asText())) throw new IllegalStateException("fingerprint differs");
            int n = header.path("units").asInt(-1);
            if (lines.length != n + 1) throw new IllegalStateException("header says " + n + " units, file has " + (lines.length - 1));
            List<T> out = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) out.add(JSON.treeToValue(withNaNForMissing(JSON.readTree(lines[i]), type), type));
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a LongSight batch: " + e.getOriginalMessage());
        }
    }
}
