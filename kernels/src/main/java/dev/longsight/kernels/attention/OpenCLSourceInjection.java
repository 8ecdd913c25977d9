package dev.longsight.kernels.attention;

import com.aparapi.Kernel;
import com.aparapi.internal.model.ClassModel;
import com.aparapi.internal.writer.KernelWriter;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes an Aparapi kernel class run project-supplied OpenCL C while keeping Aparapi's explicit,
 * device-resident buffers and argument binding (design notes, section 4).
 *
 * <p>How: Aparapi's {@code KernelRunner} compiles whatever source its static {@code openCLCache}
 * holds for a kernel class. We let Aparapi's own writer generate the source for the class (so the
 * kernel signature, argument order and types are exactly the ones Aparapi binds), keep that
 * {@code __kernel void run(...)} signature, replace everything else by the supplied helper and a
 * body that calls it with the named fields, and put the result into the cache before the first
 * launch. Anything unexpected (no such cache, a different signature, a class already compiled from
 * other source) throws {@link IllegalStateException}: never a silent fall-through to other code.
 */
public final class OpenCLSourceInjection {
    private OpenCLSourceInjection() {}

    private static final Map<Class<?>, String> INSTALLED = new HashMap<>();
    private static final String SIGNATURE = "__kernel void run(";

    /** Installs {@code helper} for the kernel's class; {@code fn(params...)} becomes the kernel body. */
    public static synchronized void install(Kernel kernel, String helper, String fn, String[] params) {
        Class<? extends Kernel> cls = kernel.getClass();
        Map<Class<? extends Kernel>, String> cache = openCLCache();
        synchronized (cache) {
            String present = cache.get(cls);
            if (present != null) {
                if (present.equals(INSTALLED.get(cls))) return;
                throw new IllegalStateException(cls.getSimpleName() + " was compiled from Aparapi's translation before "
                        + "its OpenCL C could be installed; build the launcher before any other use of the class");
            }
            String source = compose(generated(kernel), helper, fn, params);
            cache.put(cls, source);
            INSTALLED.put(cls, source);
        }
    }

    /** Aparapi's translation of the kernel class: the source of its signature. */
    private static String generated(Kernel kernel) {
        try {
            return KernelWriter.writeToString(ClassModel.createClassModel(kernel.getClass()).getEntrypoint("run", kernel));
        } catch (Exception e) {
            throw new IllegalStateException("Aparapi could not translate " + kernel.getClass().getSimpleName()
                    + " to read its kernel signature: " + e, e);
        }
    }

    /** Keeps Aparapi's signature, checks it declares exactly {@code params} (plus passid), calls {@code fn}. */
    static String compose(String generated, String helper, String fn, String[] params) {
        int at = generated.indexOf(SIGNATURE);
        int end = at < 0 ? -1 : generated.indexOf("){", at);
        if (end < 0) throw differ("no '" + SIGNATURE + "...){' in Aparapi's generated source");
        String decl = generated.substring(at + SIGNATURE.length(), end);
        Set<String> declared = new TreeSet<>();
        for (String p : decl.split(",")) {
            String t = p.trim().replaceAll("\\s+", " ");
            if (!t.matches("(__global|__local) (float|int|short) \\*\\w+|(int|float) \\w+")) {
                throw differ("unexpected kernel parameter '" + t + "'");
            }
            declared.add(t.substring(t.lastIndexOf(t.contains("*") ? '*' : ' ') + 1));
        }
        declared.remove("passid");
        Set<String> wanted = new TreeSet<>(List.of(params));
        if (!declared.equals(wanted)) throw differ("kernel parameters " + declared + ", expected " + wanted);
        return helper + "\n" + SIGNATURE + decl + "){\n   " + fn + "(" + String.join(", ", new ArrayList<>(List.of(params))) + ");\n}\n";
    }

    @SuppressWarnings("unchecked")
    private static Map<Class<? extends Kernel>, String> openCLCache() {
        try {
            Field f = Class.forName("com.aparapi.internal.kernel.KernelRunner").getDeclaredField("openCLCache");
            f.setAccessible(true);
            Object cache = f.get(null);
            if (!(cache instanceof Map)) throw differ("KernelRunner.openCLCache is " + cache);
            return (Map<Class<? extends Kernel>, String>) cache;
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (e instanceof IllegalStateException ise) throw ise;
            throw differ("KernelRunner.openCLCache is not accessible (" + e + ")");
        }
    }

    private static IllegalStateException differ(String what) {
        return new IllegalStateException("Aparapi internals differ from 3.0.2 (" + what + "): cannot install "
                + "project-supplied OpenCL");
    }
}
