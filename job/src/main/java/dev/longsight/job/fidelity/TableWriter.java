package dev.longsight.job.fidelity;

import dev.longsight.job.output.Columns;
import dev.longsight.job.output.Csv;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Lists of result records as CSV, JSON and Parquet. Columns are the record's components, named by
 * {@link Columns}, so the three formats cannot drift apart. Text comes back as strings for the
 * output store to write atomically; Parquet goes to a path the store then renames into place.
 */
public final class TableWriter {
    private TableWriter() {}

    public static <R extends Record> String csv(List<R> rows, Class<R> type) {
        StringBuilder b = new StringBuilder();
        RecordComponent[] cs = type.getRecordComponents();
        for (int i = 0; i < cs.length; i++) b.append(i > 0 ? "," : "").append(Columns.of(cs[i]));
        b.append('\n');
        for (R r : rows) {
            for (int i = 0; i < cs.length; i++) {
                Object v = value(cs[i], r);
                b.append(i > 0 ? "," : "").append(Csv.field(v == null ? "" : v.toString()));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** A JSON array with one object per row. */
    public static <R extends Record> String json(List<R> rows, Class<R> type) {
        StringBuilder b = new StringBuilder("[\n");
        RecordComponent[] cs = type.getRecordComponents();
        for (int j = 0; j < rows.size(); j++) {
            b.append("  {");
            for (int i = 0; i < cs.length; i++) {
                Object v = value(cs[i], rows.get(j));
                b.append(i > 0 ? ", " : "").append('"').append(Columns.of(cs[i])).append("\": ");
                if (v instanceof Double x) b.append(Double.isFinite(x) ? x.toString() : "null"); // JSON has no NaN
                else if (v instanceof Number) b.append(v);
                else b.append('"').append(escape(String.valueOf(v))).append('"');
            }
            b.append(j + 1 < rows.size() ? "},\n" : "}\n");
        }
        return b.append("]").toString();
    }

    /** Parquet through Spark's writer in a local session (reused when one is active, e.g. under spark-submit). */
    public static <R extends Record> void parquet(String path, List<R> rows, Class<R> type) {
        RecordComponent[] cs = type.getRecordComponents();
        List<StructField> fields = new ArrayList<>();
        for (RecordComponent c : cs) fields.add(DataTypes.createStructField(Columns.of(c), sparkType(c.getType()), true));
        List<Row> data = new ArrayList<>();
        for (R r : rows) {
            Object[] vs = new Object[cs.length];
            for (int i = 0; i < cs.length; i++) vs[i] = value(cs[i], r);
            data.add(RowFactory.create(vs));
        }
        boolean own = SparkSession.getActiveSession().isEmpty();
        SparkSession spark = SparkSession.builder().master("local[1]").appName("longsight-fidelity")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1").getOrCreate();
        try {
            spark.createDataFrame(data, DataTypes.createStructType(fields)).coalesce(1).write().parquet(path);
        } finally {
            if (own) spark.stop();
        }
    }

    /** A JSON string literal. */
    static String quote(String s) { return '"' + escape(s) + '"'; }

    private static DataType sparkType(Class<?> c) {
        if (c == int.class) return DataTypes.IntegerType;
        if (c == long.class) return DataTypes.LongType;
        if (c == double.class) return DataTypes.DoubleType;
        if (c == String.class) return DataTypes.StringType;
        throw new IllegalArgumentException("no Spark type for " + c);
    }

    private static Object value(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') b.append('\\').append(ch);
            else if (ch < 0x20) b.append(String.format("\\u%04x", (int) ch));
            else b.append(ch);
        }
        return b.toString();
    }

}
