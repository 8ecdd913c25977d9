"""Times clBuildProgram (and the binary, where PoCL generates the work-group functions) of OpenCL C files on PoCL; from ../2026-11-23-h100-mma/ptxinfo.py."""
import ctypes as C, sys
cl = C.CDLL("libOpenCL.so.1")
def chk(e, what):
    if e != 0: raise SystemExit(f"{what} failed: {e}")
n = C.c_uint(); chk(cl.clGetPlatformIDs(0, None, C.byref(n)), "platforms")
plats = (C.c_void_p * n.value)(); cl.clGetPlatformIDs(n, plats, None)
dev = None
for p in plats:
    name = C.create_string_buffer(256); cl.clGetPlatformInfo(C.c_void_p(p), 0x0902, 256, name, None)  # CL_PLATFORM_NAME
    if b"Portable" in name.value:
        d = C.c_void_p(); chk(cl.clGetDeviceIDs(C.c_void_p(p), 0xFFFFFFFF, 1, C.byref(d), None), "device"); dev = d
if dev is None: raise SystemExit("no NVIDIA OpenCL platform")
err = C.c_int()
cl.clCreateContext.restype = C.c_void_p
ctx = cl.clCreateContext(None, 1, C.byref(dev), None, None, C.byref(err)); chk(err.value, "context")
cl.clCreateProgramWithSource.restype = C.c_void_p
for path in sys.argv[1:]:
    src = open(path, "rb").read()
    s = C.c_char_p(src); ln = C.c_size_t(len(src))
    prog = cl.clCreateProgramWithSource(C.c_void_p(ctx), 1, C.byref(s), C.byref(ln), C.byref(err)); chk(err.value, "program")
    rc = cl.clBuildProgram(C.c_void_p(prog), 1, C.byref(dev), b"", None, None)
    sz = C.c_size_t(); cl.clGetProgramBuildInfo(C.c_void_p(prog), dev, 0x1183, 0, None, C.byref(sz))
    log = C.create_string_buffer(sz.value + 1); cl.clGetProgramBuildInfo(C.c_void_p(prog), dev, 0x1183, sz, log, None)
    print(f"== {path}: build rc {rc}\n{log.value.decode(errors='replace')}")
    if rc == 0:
        bsz = C.c_size_t(); cl.clGetProgramInfo(C.c_void_p(prog), 0x1165, C.sizeof(bsz), C.byref(bsz), None)  # BINARY_SIZES
        buf = C.create_string_buffer(bsz.value); ptr = C.c_char_p(C.addressof(buf))
        cl.clGetProgramInfo(C.c_void_p(prog), 0x1166, C.sizeof(ptr), C.byref(ptr), None)  # BINARIES
        open(path + ".ptx", "wb").write(buf.raw)
