package dev.longsight.job.output;

import dev.longsight.job.unit.UnitResult;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The results table (results.parquet): one column per {@link UnitResult} component, in declaration
 * order and named by {@link Columns} ({@code unitId} is {@code unit_id}), derived from the record
 * itself so that a field added there appears here without edits.
 */
public final class ResultTable {
    private static final RecordComponent[] COMPONENTS = UnitResult.class.getRecordComponents();

    private ResultTable() {}

    public static StructType schema() {
        List<StructField> fields = new ArrayList<>();
        for (RecordComponent c : COMPONENTS) fields.add(DataTypes.createStructField(Columns.of(c), sqlType(c.getType()), !c.getType().isPrimitive()));
        return DataTypes.createStructType(fields);
    }

    public static Row toRow(UnitResult r) {
        Object[] values = new Object[COMPONENTS.length];
        try {
            for (int i = 0; i < COMPONENTS.length; i++) values[i] = COMPONENTS[i].getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read UnitResult." + e.getMessage(), e);
        }
        return RowFactory.create(values);
    }

    public static List<Row> toRows(List<UnitResult> results) {
        List<Row> rows = new ArrayList<>(results.size());
        for (UnitResult r : results) rows.add(toRow(r));
        return rows;
    }

    private static DataType sqlType(Class<?> t) {
        if (t == int.class) return DataTypes.IntegerType;
        if (t == long.class) return DataTypes.LongType;
        if (t == double.class) return DataTypes.DoubleType;
        if (t == float.class) return DataTypes.FloatType;
        if (t == boolean.class) return DataTypes.BooleanType;
        if (t == String.class) return DataTypes.StringType;
        throw new IllegalStateException("UnitResult component of type " + t + " has no results.parquet column type; add it here");
    }
}
