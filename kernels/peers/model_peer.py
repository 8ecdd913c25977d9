"""Peer of `longsight bench --model-shape`: a whole Llama prefill in PyTorch with Hugging Face transformers.

Random-initialised LlamaForCausalLM in bf16 at a named shape, one sequence per length, logits_to_keep=1,
no cache. Full attention through sdpa; sparse patterns through FlexAttention with the block mask of the
same rule as LongSight's preset (paper-power: a key block is kept when its distance d to the query block
is < 5 or a power of two, or it is block 0; the diagonal block causal inside), registered as an attention
implementation so the rest of the model is transformers' own.
CSV: impl,model,pattern,n,block,ms,tokens_per_s,peak_gib

usage: python3 model_peer.py [--shape llama3-8b] [--lengths 32768,131072] [--patterns full,paper-power] [--block 128]
"""
import argparse

import torch
from torch.nn.attention.flex_attention import BlockMask, flex_attention
from transformers import AttentionInterface, LlamaConfig, LlamaForCausalLM

SHAPES = {
    "llama3-8b": dict(hidden_size=4096, intermediate_size=14336, num_hidden_layers=32, num_attention_heads=32, num_key_value_heads=8,
                      vocab_size=128256, max_position_embeddings=131072, rope_theta=500000.0,
                      rope_scaling=dict(rope_type="llama3", factor=8.0, low_freq_factor=1.0, high_freq_factor=4.0,
                                        original_max_position_embeddings=8192)),
    "llama3-1b": dict(hidden_size=2048, intermediate_size=8192, num_hidden_layers=16, num_attention_heads=32, num_key_value_heads=8,
                      head_dim=64, vocab_size=128256, max_position_embeddings=131072, rope_theta=500000.0, tie_word_embeddings=True,
                      rope_scaling=dict(rope_type="llama3", factor=32.0, low_freq_factor=1.0, high_freq_factor=4.0,
                                        original_max_position_embeddings=8192)),
}
RULES = {
    "paper-power": lambda d, kb: d < 5 or (d & (d - 1)) == 0 or kb < 1,
    "paper-sliding": lambda d, kb: d < 9 or kb < 1,
}
flex = torch.compile(flex_attention, dynamic=False)
CURRENT = {}


def block_mask(pattern, n, block):
    nb = (n + block - 1) // block
    idx_full = torch.zeros(1, 1, nb, nb, dtype=torch.int32)
    num_full = torch.zeros(1, 1, nb, dtype=torch.int32)
    idx_part = torch.zeros(1, 1, nb, nb, dtype=torch.int32)
    num_part = torch.ones(1, 1, nb, dtype=torch.int32)
    for qb in range(nb):
        cols = [kb for kb in range(qb) if RULES[pattern](qb - kb, kb)]
        num_full[0, 0, qb] = len(cols)
        if cols:
            idx_full[0, 0, qb, :len(cols)] = torch.tensor(cols, dtype=torch.int32)
        idx_part[0, 0, qb, 0] = qb
    return BlockMask.from_kv_blocks(num_part.cuda(), idx_part.cuda(), num_full.cuda(), idx_full.cuda(), BLOCK_SIZE=block,
                                    mask_mod=lambda b, h, q, k: q >= k, seq_lengths=(n, n))


def flex_blocks(module, query, key, value, attention_mask, scaling=None, dropout=0.0, **kwargs):
    out = flex(query, key, value, block_mask=CURRENT["mask"], scale=scaling, enable_gqa=True)
    return out.transpose(1, 2).contiguous(), None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shape", default="llama3-8b")
    ap.add_argument("--lengths", default="32768,131072")
    ap.add_argument("--patterns", default="full,paper-power")
    ap.add_argument("--block", type=int, default=128)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    AttentionInterface.register("longsight_blocks", flex_blocks)
    try:  # transformers builds no dense mask for an implementation whose mask function returns None
        from transformers.masking_utils import AttentionMaskInterface
        AttentionMaskInterface.register("longsight_blocks", lambda *args, **kwargs: None)
    except ImportError:
        pass
    torch.manual_seed(0)
    config = LlamaConfig(**SHAPES[a.shape])
    model = LlamaForCausalLM(config).to(device="cuda", dtype=torch.bfloat16).eval()
    print("impl,model,pattern,n,block,ms,tokens_per_s,peak_gib", flush=True)
    for n in [int(x) for x in a.lengths.split(",")]:
        ids = torch.randint(0, config.vocab_size, (1, n), device="cuda")
        for pattern in a.patterns.split(","):
            impl = "sdpa" if pattern == "full" else "flex"
            model.config._attn_implementation = "sdpa" if pattern == "full" else "longsight_blocks"
            if pattern != "full":
                CURRENT["mask"] = block_mask(pattern, n, a.block)

            def run():
                with torch.no_grad():
                    model(input_ids=ids, logits_to_keep=1, use_cache=False)

            try:
                torch.cuda.reset_peak_memory_stats()
                run()
                times = []
                for _ in range(a.repeats):
                    s, e = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
                    s.record(); run(); e.record(); torch.cuda.synchronize()
                    times.append(s.elapsed_time(e))
                ms = sorted(times)[len(times) // 2]
                peak = torch.cuda.max_memory_allocated() / 2**30
                print(f"{impl},{a.shape},{pattern},{n},{a.block},{ms:.1f},{n / (ms / 1e3):.0f},{peak:.1f}", flush=True)
            except Exception as ex:  # one failing case must not hide the rest
                print(f"{impl},{a.shape},{pattern},{n},{a.block},ERR,{type(ex).__name__}: {str(ex)[:200]}", flush=True)
            torch.cuda.empty_cache()


if __name__ == "__main__":
    main()
