package dev.longsight.kernels.device;

import com.aparapi.Kernel;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * One array a kernel keeps in the device's global memory: its field name and size in bytes. What
 * {@link ArrayLimit} checks before a launch and what a launch failure names.
 */
public record DeviceArray(String name, long bytes) {
    public DeviceArray {
        if (bytes < 0) throw new IllegalArgumentException("array " + name + " cannot have " + bytes + " bytes");
    }

    /** {@code elements} of {@code elementBytes} each. */
    public static DeviceArray of(String name, long elements, int elementBytes) { return new DeviceArray(name, elements * elementBytes); }

    /**
     * The primitive-array fields of a kernel that Aparapi binds as global buffers, as they are now
     * (local and private arrays and {@code @NoCL} fields excluded; null fields skipped).
     */
    public static List<DeviceArray> of(Kernel kernel) {
        List<DeviceArray> out = new ArrayList<>();
        for (Field f : FIELDS.get(kernel.getClass())) {
            try {
                Object a = f.get(kernel);
                if (a != null) out.add(of(f.getName(), Array.getLength(a), elementBytes(f.getType().getComponentType())));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read kernel field " + f.getName(), e);
            }
        }
        return out;
    }

    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Kernel.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || !f.getType().isArray() || !f.getType().getComponentType().isPrimitive()) continue;
                    if (f.isAnnotationPresent(Kernel.Local.class) || f.isAnnotationPresent(Kernel.PrivateMemorySpace.class)
                            || f.isAnnotationPresent(Kernel.NoCL.class) || f.getName().endsWith(Kernel.LOCAL_SUFFIX)
                            || f.getName().endsWith(Kernel.PRIVATE_SUFFIX)) continue;
                    f.setAccessible(true);
                    fields.add(f);
                }
            }
            return List.copyOf(fields);
        }
    };

    private static int elementBytes(Class<?> c) {
        if (c == long.class || c == double.class) return 8;
        if (c == int.class || c == float.class) return 4;
        if (c == short.class || c == char.class) return 2;
        return 1;
    }
}
