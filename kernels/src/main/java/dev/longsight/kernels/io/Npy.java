package dev.longsight.kernels.io;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0) holding float32,
 * float16 or bfloat16 arrays in C order, either byte order. Values are returned as float32; any
 * NaN or infinity is an error naming the file, the count and the first flat index, because one
 * non-finite value would silently poison every average the fidelity metrics take.
 */
public final class Npy {
    private Npy() {}

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([A-Za-z]\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final int CHUNK = 1 << 20;

    /**
     * Reads one array. {@code declared} is the manifest's dtype (null when it states none); it is
     * required to read 2-byte void or uint16 data as bfloat16. {@code source} names the file in errors.
     */
    public static NpyArray read(InputStream in, NpyDtype declared, String source) throws IOException {
        DataInputStream data = new DataInputStream(in);
        String header = readHeader(data, source);
        Matcher descr = DESCR.matcher(header);
        if (!descr.find()) throw new NpyFormatException(source + ": header has no simple 'descr' (structured arrays are not supported): " + header.trim());
        NpyDtype dtype = NpyDtype.fromDescr(descr.group(2), declared, source);
        ByteOrder order = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        Matcher fortran = FORTRAN.matcher(header);
        if (fortran.find() && fortran.group(1).equals("True")) {
            throw new NpyFormatException(source + ": fortran_order=True is not supported; save a C-ordered array (np.ascontiguousarray)");
        }
        int[] shape = parseShape(header, source);
        long count = 1;
        for (int s : shape) count *= s;
        if (count > Integer.MAX_VALUE - 8) throw new NpyFormatException(source + ": " + count + " elements exceed one Java array");
        float[] out = new float[(int) count]; // (shape...) row-major
        readValues(data, dtype, order, out, source);
        if (data.read() >= 0) throw new NpyFormatException(source + ": file is longer than its header's shape " + shapeString(shape) + " says");
        checkFinite(out, source);
        return new NpyArray(shape, dtype, out);
    }

    private static String readHeader(DataInputStream in, String source) throws IOException {
        byte[] magic = new byte[8];
        try {
            in.readFully(magic);
        } catch (EOFException e) {
            throw new NpyFormatException(source + ": not a .npy file (shorter than the 8-byte preamble)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) throw new NpyFormatException(source + ": not a .npy file (missing the \\x93NUMPY magic)");
        }
        int major = magic[6];
        int len;
        try {
            if (major == 1) {
                len = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            } else if (major == 2 || major == 3) {
                len = Integer.reverseBytes(in.readInt());
            } else {
                throw new NpyFormatException(source + ": .npy format version " + major + " is not supported (1, 2 or 3)");
            }
            if (len < 0 || len > 1 << 20) throw new NpyFormatException(source + ": implausible header length " + len);
            byte[] h = new byte[len];
            in.readFully(h);
            return new String(h, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        } catch (EOFException e) {
            throw new NpyFormatException(source + ": truncated inside the header");
        }
    }

    private static int[] parseShape(String header, String source) {
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) throw new NpyFormatException(source + ": header has no 'shape': " + header.trim());
        String body = m.group(1).trim();
        if (body.isEmpty()) return new int[0];
        String[] parts = body.split(",");
        int n = parts[parts.length - 1].isBlank() ? parts.length - 1 : parts.length;
        int[] shape = new int[n];
        for (int i = 0; i < n; i++) {
            try {
                shape[i] = Integer.parseInt(parts[i].trim().replace("L", ""));
            } catch (NumberFormatException e) {
                throw new NpyFormatException(source + ": bad shape '(" + body + ")'");
            }
        }
        return shape;
    }

    private static void readValues(DataInputStream in, NpyDtype dtype, ByteOrder order, float[] out, String source) throws IOException {
        int width = dtype.bytes();
        byte[] buf = new byte[CHUNK * width];
        for (int done = 0; done < out.length; ) {
            int n = Math.min(CHUNK, out.length - done);
            int got = 0;
            while (got < n * width) {
                int r = in.read(buf, got, n * width - got);
                if (r < 0) {
                    long have = (long) done * width + got;
                    throw new NpyFormatException(source + ": truncated: the header's shape needs " + (long) out.length * width
                            + " data bytes, the file has " + have);
                }
                got += r;
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, n * width).order(order);
            for (int i = 0; i < n; i++) {
                out[done + i] = switch (dtype) {
                    case FLOAT32 -> bb.getFloat();
                    case FLOAT16 -> HalfFloats.halfToFloat(bb.getShort());
                    case BFLOAT16 -> HalfFloats.bfloat16ToFloat(bb.getShort());
                };
            }
            done += n;
        }
    }

    private static void checkFinite(float[] a, String source) {
        long bad = 0;
        int first = -1;
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i])) {
                if (first < 0) first = i;
                bad++;
            }
        }
        if (bad > 0) {
            throw new NpyFormatException(source + ": " + bad + " NaN/Inf value(s), the first at flat index " + first
                    + " (" + a[first] + "); fix the capture rather than averaging over them");
        }
    }

    static String shapeString(int[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) b.append(i > 0 ? ", " : "").append(shape[i]);
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /**
     * Writes a C-ordered little-endian .npy (version 1.0): descr {@code <f4} (float32), {@code <f2}
     * (float16), {@code <V2} or {@code <u2} (bfloat16 bits). Values are rounded to the stored type.
     */
    public static void write(OutputStream out, int[] shape, String descr, float[] values) throws IOException {
        NpyDtype dtype = switch (descr) {
            case "<f4" -> NpyDtype.FLOAT32;
            case "<f2" -> NpyDtype.FLOAT16;
            case "<V2", "|V2", "<u2" -> NpyDtype.BFLOAT16;
            default -> throw new IllegalArgumentException("cannot write descr '" + descr + "' (expected <f4, <f2, <V2, |V2, <u2)");
        };
        ByteBuffer body = ByteBuffer.allocate(values.length * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            switch (dtype) {
                case FLOAT32 -> body.putFloat(v);
                case FLOAT16 -> body.putShort(HalfFloats.floatToHalf(v));
                case BFLOAT16 -> body.putShort(HalfFloats.floatToBfloat16(v));
            }
        }
        writeRaw(out, shape, descr, body.array());
    }

    /** Writes a version 1.0 header for any descr and shape, then the given bytes as they are. */
    public static void writeRaw(OutputStream out, int[] shape, String descr, byte[] body) throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeString(shape) + ", }";
        int total = MAGIC.length + 2 + 2 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer pre = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        pre.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.write(pre.array());
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
    }
}
