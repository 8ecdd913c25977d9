package dev.longsight.kernels.io;

/** A float tensor read from a .npy file: its shape, the dtype it was stored in, values as float32 row-major. */
public record NpyArray(int[] shape, NpyDtype storedAs, float[] data) { // data: (shape[0], shape[1], ...) row-major
    public NpyArray {
        shape = shape.clone();
        long n = 1;
        for (int s : shape) n *= s;
        if (n != data.length) throw new IllegalArgumentException("shape holds " + n + " elements, data " + data.length);
    }

    @Override
    public int[] shape() { return shape.clone(); }
}
