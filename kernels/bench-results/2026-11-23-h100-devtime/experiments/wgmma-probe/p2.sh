W=.carry/w
L=$(ldconfig -p | grep -o '/[^ ]*libnvidia-opencl.so[^ ]*' | head -1); echo "lib: $L"
L2=$(ldconfig -p | grep -o '/[^ ]*libnvidia-ptxjitcompiler.so[^ ]*' | head -1); echo "jit: $L2"
for f in $L $L2; do echo "== $f"; strings -n 6 $f | grep -E '^(__)?[A-Z][A-Z0-9_]{5,}$' | grep -E 'OCL|OPENCL|_CL_|CUDA_|NV_|PTX|OPTION|ARCH|JIT' | sort -u | head -80; done
echo "== option-like strings"
strings -n 4 $L | grep -E '^-(cl-nv|nv|arch|cl-)' | sort -u | head -60
strings -n 4 $L | grep -E 'sm_90a|sm_90' | sort -u | head
timeout 120 python3 $W/wgprobe.py $W/wgprobe.cl "-cl-nv-arch=sm_90a" "-arch=sm_90a" "-cl-nv-arch sm_100" "-cl-nv-verbose" 2>&1 | grep -E "==|target|version|error|max" | head -30
