"""Builds wgprobe.cl variants on the first NVIDIA GPU and checks one wgmma against a plain product."""
import ctypes as C, sys, random, struct
cl = C.CDLL("libOpenCL.so.1")
def chk(e, what):
    if e != 0: raise SystemExit(f"{what} failed: {e}")
n = C.c_uint(); chk(cl.clGetPlatformIDs(0, None, C.byref(n)), "platforms")
plats = (C.c_void_p * n.value)(); cl.clGetPlatformIDs(n, plats, None)
dev = None
for p in plats:
    name = C.create_string_buffer(256); cl.clGetPlatformInfo(C.c_void_p(p), 0x0902, 256, name, None)
    if b"NVIDIA" in name.value:
        d = C.c_void_p(); chk(cl.clGetDeviceIDs(C.c_void_p(p), 1 << 2, 1, C.byref(d), None), "device"); dev = d
err = C.c_int()
for f in ["clCreateContext", "clCreateProgramWithSource", "clCreateCommandQueue", "clCreateBuffer", "clCreateKernel"]:
    getattr(cl, f).restype = C.c_void_p
ctx = cl.clCreateContext(None, 1, C.byref(dev), None, None, C.byref(err)); chk(err.value, "context")
q = cl.clCreateCommandQueue(C.c_void_p(ctx), dev, 0, C.byref(err)); chk(err.value, "queue")
def bf16(x): return struct.unpack("<I", struct.pack("<f", x))[0] >> 16
def f32(h): return struct.unpack("<f", struct.pack("<I", h << 16))[0]
def regs(nn):
    acc = ",".join(f'"+f"(acc[{i}])' for i in range(nn // 2))
    ops = ",".join(f"%{i}" for i in range(nn // 2))
    k = nn // 2
    return ('asm volatile("{\\n.reg .pred p;\\nsetp.ne.b32 p, %' + str(k + 5) + ', 0;\\n'
            f'wgmma.mma_async.sync.aligned.m64n{nn}k16.f32.bf16.bf16 {{{ops}}}, {{%{k},%{k+1},%{k+2},%{k+3}}}, %{k+4}, p, 1, 1, 0;\\n}}\\n"'
            f' : {acc} : "r"(a0), "r"(a1), "r"(a2), "r"(a3), "l"(desc), "r"(1) : "memory");')
src0 = open(sys.argv[1]).read()
for opts in sys.argv[2:]:
    nn = 128 if "N128" in opts else 64
    lbo = 0 if "LBO_SWAP" in opts else 1
    bopts = opts.replace("N128", "").replace("LBO_SWAP", "").strip()
    src = src0.replace("NN", str(nn)).replace("WGMMA", regs(nn)).replace("#ifndef LBO_K", f"#define LBO_K {lbo}\n#ifndef LBO_K")
    s = C.c_char_p(src.encode()); ln = C.c_size_t(len(src))
    prog = cl.clCreateProgramWithSource(C.c_void_p(ctx), 1, C.byref(s), C.byref(ln), C.byref(err))
    rc = cl.clBuildProgram(C.c_void_p(prog), 1, C.byref(dev), bopts.encode(), None, None)
    sz = C.c_size_t(); cl.clGetProgramBuildInfo(C.c_void_p(prog), dev, 0x1183, 0, None, C.byref(sz))
    log = C.create_string_buffer(sz.value + 1); cl.clGetProgramBuildInfo(C.c_void_p(prog), dev, 0x1183, sz, log, None)
    print(f"== options '{opts}' N={nn} lbo_k={lbo}: build rc {rc}\n{log.value.decode(errors='replace')[:1500]}")
    bsz = C.c_size_t(); cl.clGetProgramInfo(C.c_void_p(prog), 0x1165, C.sizeof(bsz), C.byref(bsz), None)
    if rc != 0 or bsz.value == 0: continue
    buf = C.create_string_buffer(bsz.value); ptr = C.c_char_p(C.addressof(buf))
    cl.clGetProgramInfo(C.c_void_p(prog), 0x1166, C.sizeof(ptr), C.byref(ptr), None)
    ptx = buf.raw.decode(errors="replace")
    print("   ", [l for l in ptx.splitlines() if l.startswith((".version", ".target"))])
    random.seed(1)
    A = [[f32(bf16(random.uniform(-1, 1))) for _ in range(16)] for _ in range(64)]
    B = [[f32(bf16(random.uniform(-1, 1))) for _ in range(16)] for _ in range(nn)]  # B[n][k]
    def pack(m): return [bf16(r[2 * i]) | (bf16(r[2 * i + 1]) << 16) for r in m for i in range(8)]
    ha = (C.c_uint * (64 * 8))(*pack(A)); hb = (C.c_uint * (nn * 8))(*pack(B)); hd = (C.c_float * (64 * nn))()
    ba = cl.clCreateBuffer(C.c_void_p(ctx), 1 | 32, C.sizeof(ha), ha, C.byref(err))
    bb = cl.clCreateBuffer(C.c_void_p(ctx), 1 | 32, C.sizeof(hb), hb, C.byref(err))
    bd = cl.clCreateBuffer(C.c_void_p(ctx), 1, C.sizeof(hd), None, C.byref(err))
    k = cl.clCreateKernel(C.c_void_p(prog), b"probe", C.byref(err)); chk(err.value, "kernel")
    for i, m in enumerate([ba, bb, bd]): cl.clSetKernelArg(C.c_void_p(k), i, C.sizeof(C.c_void_p), C.byref(C.c_void_p(m)))
    g = C.c_size_t(128); l = C.c_size_t(128)
    e = cl.clEnqueueNDRangeKernel(C.c_void_p(q), C.c_void_p(k), 1, None, C.byref(g), C.byref(l), 0, None, None)
    e2 = cl.clEnqueueReadBuffer(C.c_void_p(q), C.c_void_p(bd), 1, 0, C.sizeof(hd), hd, 0, None, None)
    cl.clFinish(C.c_void_p(q))
    worst = max(abs(hd[r * nn + c] - sum(A[r][t] * B[c][t] for t in range(16))) for r in range(64) for c in range(nn))
    print(f"    run rc {e} {e2}: max |D - A B^T| = {worst}")
