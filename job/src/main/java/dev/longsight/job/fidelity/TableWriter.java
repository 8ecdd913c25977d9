package dev.longsight.job.fidelity;

import dev.longsight.job.output.Columns;
import dev.longsight.job.output.Csv;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Writes lists of result records as CSV, JSON and Parquet under an output directory on any Hadoop
 * filesystem. Columns are the record's components, named by {@link Columns}, so the three formats
 * cannot drift apart. Text files are written to a temporary name and renamed, so a failed run leaves
 * no half-written file.
 */
public final class TableWriter {
    private final Path dir;
    private final Configuration conf;

    public TableWriter(String outputUri, Configuration conf) {
        this.dir = new Path(outputUri);
        this.conf = conf;
    }

    public String path(String name) { return new Path(dir, name).toString(); }

    public <R extends Record> void csv(String name, List<R> rows, Class<R> type) throws IOException {
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
        text(name, b.toString());
    }

    public <R extends Record> void json(String name, List<R> rows, Class<R> type) throws IOException {
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
        text(name, b.append("]\n").toString());
    }

    /** Parquet through Spark's writer in a local session (reused when one is active, e.g. under spark-submit). */
    public <R extends Record> void parquet(String name, List<R> rows, Class<R> type) {
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
            spark.createDataFrame(data, DataTypes.createStructType(fields)).coalesce(1)
                    .write().mode(SaveMode.Overwrite).parquet(path(name));
        } finally {
            if (own) spark.stop();
        }
    }

    public void text(String name, String content) throws IOException {
        FileSystem fs = dir.getFileSystem(conf);
        fs.mkdirs(dir);
        Path tmp = new Path(dir, "." + name + ".tmp"), dst = new Path(dir, name);
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        if (fs.exists(dst)) fs.delete(dst, false);
        if (!fs.rename(tmp, dst)) throw new IOException("cannot rename " + tmp + " to " + dst);
    }

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
