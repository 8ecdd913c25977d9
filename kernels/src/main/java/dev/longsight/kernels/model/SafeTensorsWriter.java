package dev.longsight.kernels.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longsight.kernels.io.HalfFloats;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a safetensors file from float tensors, narrowing each to a {@link Dtype} (round to nearest
 * even). The header is padded with spaces to a multiple of 8 bytes, as the safetensors library does, so
 * that every tensor starts aligned.
 */
public final class SafeTensorsWriter {
    /** One tensor to write: row-major values and their shape. */
    public record Tensor(float[] values, int... shape) {
        public Tensor {
            long n = 1;
            for (int d : shape) n *= d;
            if (n != values.length) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got " + values.length);
        }
    }

    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final Map<String, Dtype> dtypes = new LinkedHashMap<>();

    public SafeTensorsWriter put(String name, Dtype dtype, float[] values, int... shape) {
        tensors.put(name, new Tensor(values, shape));
        dtypes.put(name, dtype);
        return this;
    }

    public void write(OutputStream out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        long offset = 0;
        for (var e : tensors.entrySet()) {
            Dtype dt = dtypes.get(e.getKey());
            long bytes = (long) e.getValue().values().length * dt.bytes;
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", dt.name());
            var shape = t.putArray("shape");
            for (int d : e.getValue().shape()) shape.add(d);
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] text = json.writeValueAsBytes(header);
        int padded = (text.length + 7) / 8 * 8;
        byte[] head = Arrays.copyOf(text, padded);
        Arrays.fill(head, text.length, padded, (byte) ' ');
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
        out.write(head);
        for (var e : tensors.entrySet()) {
            Dtype dt = dtypes.get(e.getKey());
            float[] v = e.getValue().values();
            ByteBuffer buf = ByteBuffer.allocate(v.length * dt.bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : v) {
                switch (dt) {
                    case BF16 -> buf.putShort(HalfFloats.floatToBfloat16(f));
                    case F16 -> buf.putShort(HalfFloats.floatToHalf(f));
                    case F32 -> buf.putFloat(f);
                }
            }
            out.write(buf.array());
        }
    }

    /** The value a float becomes once written as {@code dtype} and read back. */
    public static float rounded(float f, Dtype dtype) {
        return switch (dtype) {
            case BF16 -> HalfFloats.bfloat16ToFloat(HalfFloats.floatToBfloat16(f));
            case F16 -> HalfFloats.halfToFloat(HalfFloats.floatToHalf(f));
            case F32 -> f;
        };
    }

}
