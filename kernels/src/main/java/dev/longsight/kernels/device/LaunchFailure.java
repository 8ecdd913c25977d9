package dev.longsight.kernels.device;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message of a launch Aparapi failed on an OpenCL device: the OpenCL error Aparapi logged, the
 * arrays the kernel had bound (those over the per-array limit first), and what Aparapi threw
 * afterwards, named as a consequence. Aparapi's fallback after an OpenCL failure throws an
 * AssertionError about EXECUTION_MODE or an "incompatible" device, which says nothing of the cause.
 */
final class LaunchFailure {
    private LaunchFailure() {}

    /** The OpenCL status codes a launch or a buffer transfer can return (cl.h). */
    private static final Map<Integer, String> CL_ERRORS = Map.ofEntries(
            Map.entry(-4, "CL_MEM_OBJECT_ALLOCATION_FAILURE"), Map.entry(-5, "CL_OUT_OF_RESOURCES"),
            Map.entry(-6, "CL_OUT_OF_HOST_MEMORY"), Map.entry(-11, "CL_BUILD_PROGRAM_FAILURE"),
            Map.entry(-30, "CL_INVALID_VALUE"), Map.entry(-38, "CL_INVALID_MEM_OBJECT"),
            Map.entry(-48, "CL_INVALID_KERNEL"), Map.entry(-51, "CL_INVALID_ARG_SIZE"),
            Map.entry(-52, "CL_INVALID_KERNEL_ARGS"), Map.entry(-54, "CL_INVALID_WORK_GROUP_SIZE"),
            Map.entry(-55, "CL_INVALID_WORK_ITEM_SIZE"), Map.entry(-61, "CL_INVALID_BUFFER_SIZE"));

    private static final Pattern RETURNED = Pattern.compile("returned (-\\d+)");
    private static final String DEVICE_FAILED = "Device failed for ";

    /**
     * @param head       what failed where, e.g. "prefill kernel failed on OpenCL GPU: ..."
     * @param aparapiLog the warnings Aparapi logged during the launch ({@link AparapiLog})
     * @param thrown     what {@code execute} threw, or null when Aparapi fell back without throwing
     * @param arrays     the kernel's global arrays at the launch
     * @param limit      the per-array limit on the device ({@link ArrayLimit#of})
     */
    static String message(String head, List<String> aparapiLog, Throwable thrown, List<DeviceArray> arrays, long limit) {
        StringBuilder m = new StringBuilder(head).append(": ").append(cause(aparapiLog));
        List<DeviceArray> over = ArrayLimit.over(arrays, limit);
        if (!over.isEmpty()) {
            m.append("; array(s) over ").append(ArrayLimit.explain(limit)).append(": ").append(ArrayLimit.list(over));
        } else if (!arrays.isEmpty()) {
            long total = arrays.stream().mapToLong(DeviceArray::bytes).sum();
            List<DeviceArray> largest = arrays.stream().sorted(Comparator.comparingLong(DeviceArray::bytes).reversed()).limit(3).toList();
            m.append("; arrays bound: ").append(ArrayLimit.gib(total)).append(" in all, the largest ").append(ArrayLimit.list(largest));
        }
        if (thrown != null) m.append("; after that failure Aparapi's fallback threw ").append(thrown).append(" (a consequence, not the cause)");
        return m.toString();
    }

    /** The OpenCL error in Aparapi's log, with Aparapi's own words; or that Aparapi gave none. */
    static String cause(List<String> aparapiLog) {
        for (String line : aparapiLog) {
            int at = line.indexOf(DEVICE_FAILED);
            if (at < 0) continue;
            int colon = line.indexOf("}: ", at); // after the kernel's device list, "Kernel, devices={...}: reason"
            colon = colon < 0 ? line.indexOf(": ", at) : colon + 1;
            String reason = colon < 0 ? line.substring(at) : line.substring(colon + 2);
            Matcher code = RETURNED.matcher(reason);
            if (code.find()) {
                int status = Integer.parseInt(code.group(1));
                return "OpenCL error " + status + " " + CL_ERRORS.getOrDefault(status, "(unknown status)") + " (Aparapi: " + reason + ")";
            }
            return "Aparapi: " + reason;
        }
        return aparapiLog.isEmpty() ? "Aparapi logged no reason" : "Aparapi: " + String.join(" | ", aparapiLog);
    }
}
