package dev.longsight.job.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;

/**
 * Kryo serializer for Java records: writes the components in order and rebuilds through the
 * canonical constructor. Kryo 4's FieldSerializer fails on records ("can't get field offset on a
 * record class"); the constructor also re-runs the record's validation.
 */
final class RecordSerializer<T extends Record> extends Serializer<T> {
    private final RecordComponent[] components;
    private final Constructor<T> constructor;

    RecordSerializer(Class<T> type) {
        super(false, true);
        components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) types[i] = components[i].getType();
        try {
            constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record " + type + " has no canonical constructor", e);
        }
    }

    @Override
    public void write(Kryo kryo, Output out, T record) {
        try {
            for (RecordComponent c : components) kryo.writeClassAndObject(out, c.getAccessor().invoke(record));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + record.getClass().getSimpleName() + " for Kryo", e);
        }
    }

    @Override
    public T read(Kryo kryo, Input in, Class<T> type) {
        Object[] values = new Object[components.length];
        for (int i = 0; i < values.length; i++) values[i] = kryo.readClassAndObject(in);
        try {
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild " + type.getSimpleName() + " from Kryo", e);
        }
    }
}
