"""Peer baseline for GemmBench: torch.matmul in bf16 on one GPU, C = A @ W.T.

Prints the same CSV as dev.longsight.kernels.bench.GemmBench: m,n,k,ms,tflops,device, FLOPs = 2 m n k,
ms the median of timed calls (CUDA events, one pair per call) after warmup calls.

usage: python3 gemm_peer.py [shapes m:n:k,..., default the Llama-3-8B GEMMs at m = 16384] [warmup 3] [repeats 10]
"""
import sys
import torch

LLAMA3_8B = [(16384, 6144, 4096), (16384, 4096, 4096), (16384, 28672, 4096), (16384, 4096, 14336)]


def main():
    shapes = [tuple(int(x) for x in s.split(":")) for s in sys.argv[1].split(",")] if len(sys.argv) > 1 else LLAMA3_8B
    warmup = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    dev = torch.device("cuda")
    name = torch.cuda.get_device_name(dev)
    print("m,n,k,ms,tflops,device")
    for m, n, k in shapes:
        g = torch.Generator(device=dev).manual_seed(0)
        a = (torch.rand(m, k, device=dev, generator=g) * 2 - 1).to(torch.bfloat16)
        w = (torch.rand(n, k, device=dev, generator=g) * 2 - 1).to(torch.bfloat16)
        for _ in range(warmup):
            torch.matmul(a, w.t())
        times = []
        for _ in range(repeats):
            start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            start.record()
            torch.matmul(a, w.t())
            end.record()
            torch.cuda.synchronize()
            times.append(start.elapsed_time(end))
        times.sort()
        ms = times[len(times) // 2] if len(times) % 2 else (times[len(times) // 2 - 1] + times[len(times) // 2]) / 2
        print(f"{m},{n},{k},{ms:.4f},{2.0 * m * n * k / (ms * 1e-3) / 1e12:.1f},\"torch {torch.__version__} bf16 matmul on {name}\"")
        del a, w
        torch.cuda.empty_cache()


if __name__ == "__main__":
    main()
