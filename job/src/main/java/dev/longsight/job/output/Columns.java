package dev.longsight.job.output;

import java.lang.reflect.RecordComponent;

/**
 * Column names of every table LongSight writes (CSV, JSON, Parquet): snake_case, as the summary,
 * bench and calibration columns are spelled and as pandas, SQL and Spark users expect. Tables derived
 * from a record's components name them here, so a component added to a record needs no edit.
 */
public final class Columns {
    private Columns() {}

    /** {@code unitId} -> {@code unit_id}, {@code relL2P99} -> {@code rel_l2_p99}; digits stay with the word before them. */
    public static String snake(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) b.append('_');
                b.append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    public static String of(RecordComponent c) { return snake(c.getName()); }
}
