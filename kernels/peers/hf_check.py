"""Cross-check of LongSight's device forward against Hugging Face transformers on the same GPU host.

For each case it builds a random-initialised checkpoint with transformers (bf16, safetensors) and a
word-level tokenizer.json, writes a text, and compares the logits of `longsight logits` (its top 5 at
each of the last positions) with transformers' logits at the same positions and tokens:
  - full attention: transformers' sdpa path;
  - paper-power: sdpa with a 4D mask built from the same block rule (power:window=5,sink=1: a key block
    is kept when its distance d to the query block is < 5 or a power of two, or it is block 0; the
    diagonal block causal inside).
One CSV row per case and pattern: case,pattern,n,block,positions,max_abs_err,max_logit,argmax_agree,top5_agree.

usage: python3 hf_check.py --longsight "java -cp app.jar dev.longsight.job.cli.LongSight" [--work DIR]
"""
import argparse
import os
import random
import shlex
import subprocess
import sys

import torch
from tokenizers import Tokenizer, models, pre_tokenizers
from transformers import AutoModelForCausalLM, LlamaConfig, Qwen2Config

CASES = [
    # name, config class, config fields, tokens, block
    ("llama-tiny-untied", LlamaConfig, dict(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
                                            num_key_value_heads=2, vocab_size=512, tie_word_embeddings=False), 1000, 64),
    ("qwen2-tiny-tied-bias", Qwen2Config, dict(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
                                               num_key_value_heads=2, vocab_size=512, tie_word_embeddings=True), 1000, 64),
    ("llama3-rope-gqa-512", LlamaConfig, dict(hidden_size=512, intermediate_size=1408, num_hidden_layers=4, num_attention_heads=8,
                                              num_key_value_heads=2, head_dim=64, vocab_size=2048, tie_word_embeddings=False,
                                              rope_theta=500000.0,
                                              rope_scaling=dict(rope_type="llama3", factor=8.0, low_freq_factor=1.0,
                                                                high_freq_factor=4.0, original_max_position_embeddings=1024)),
     4096, 128),
]
LAST = 8


def keep_power(d, kb):
    return d < 5 or (d & (d - 1)) == 0 or kb < 1


def dense_mask(pattern, n, block):
    """(1, 1, n, n) additive mask: 0 where kept, -inf elsewhere."""
    q = torch.arange(n, device="cuda")
    causal = q[:, None] >= q[None, :]
    if pattern == "full":
        kept = causal
    else:
        qb, kb = q[:, None] // block, q[None, :] // block
        d = qb - kb
        rule = (d < 5) | ((d & (d - 1)) == 0) | (kb < 1)
        kept = causal & rule
    m = torch.zeros(n, n, device="cuda", dtype=torch.bfloat16)
    m.masked_fill_(~kept, float("-inf"))
    return m[None, None]


def build(case, work):
    name, cls, fields, n, block = case
    d = os.path.join(work, name)
    os.makedirs(d, exist_ok=True)
    torch.manual_seed(0)
    config = cls(max_position_embeddings=max(8192, n), initializer_range=0.1, **fields)
    model = AutoModelForCausalLM.from_config(config, attn_implementation="sdpa").to(device="cuda", dtype=torch.bfloat16).eval()
    model.save_pretrained(d, safe_serialization=True)
    vocab = {"w%d" % i: i for i in range(config.vocab_size)}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="w0"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.save(os.path.join(d, "tokenizer.json"))
    rnd = random.Random(1)
    text = " ".join("w%d" % rnd.randrange(1, config.vocab_size) for _ in range(n))
    with open(os.path.join(d, "text.txt"), "w") as f:
        f.write(text)
    ids = torch.tensor([tok.encode(text).ids], device="cuda")
    return model, d, ids, n, block


def longsight(cmd, d, pattern, block):
    args = shlex.split(cmd) + ["logits", "--model", d, "--text-file", os.path.join(d, "text.txt"), "--last", str(LAST),
                               "--device", "gpu", "--patterns", "paper-power" if pattern == "power" else "full", "--block", str(block)]
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("longsight failed (%d): %s" % (p.returncode, p.stderr[-3000:]))
    sys.stderr.write(p.stderr.strip().splitlines()[-1] + "\n")
    rows = {}
    for line in p.stdout.strip().splitlines()[1:]:
        f = line.split(",")
        rows.setdefault(int(f[0]), []).append((int(f[2]), float(f[-1])))
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--longsight", required=True)
    ap.add_argument("--work", default="/tmp/hf_check")
    a = ap.parse_args()
    print("case,pattern,n,block,positions,max_abs_err,max_logit,argmax_agree,top5_agree")
    for case in CASES:
        model, d, ids, n, block = build(case, a.work)
        for pattern in ("full", "power"):
            with torch.no_grad():
                mask = dense_mask(pattern, n, block)
                ref = model(input_ids=ids, attention_mask=mask).logits[0].float()  # (n, vocab)
            rows = longsight(a.longsight, d, pattern, block)
            err, top, agree, top5 = 0.0, 0.0, 0, 0
            for pos, got in rows.items():
                r = ref[pos]
                want = torch.topk(r, 5).indices.tolist()
                agree += got[0][0] == want[0]
                top5 += [t for t, _ in got] == want
                top = max(top, r.abs().max().item())
                err = max(err, max(abs(r[t].item() - v) for t, v in got))
            print("%s,%s,%d,%d,%d,%.4f,%.3f,%d/%d,%d/%d" % (case[0], pattern, n, block, len(rows), err, top, agree, len(rows), top5, len(rows)))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
