"""Does LongSight run a trained checkpoint as PyTorch does? Compares the top next token at the last positions.

  ../.venv/bin/python check_logits.py --model out/paper-power --pattern paper-power --block 64 [--text-file F] [--last 3]

Runs `./longsight logits --device jtp` (LongSight's double-precision reference forward, the pattern's layout on every
layer) and transformers on the same checkpoint with the same mask (weights widened to fp32), on the same text: by
default the prompt of a held-out cell exported by `./longsight prompts`. Exit status 1 if a top token differs.
"""
import argparse
import json
import sys
import tempfile
from pathlib import Path

import torch
from tokenizers import Tokenizer
from transformers import LlamaForCausalLM

from lstrain import longsight, masks, model as lsmodel


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True)
    p.add_argument("--pattern", default="full")
    p.add_argument("--block", type=int, default=64)
    p.add_argument("--text-file", help="the text (default: a prompt exported by ./longsight prompts at --length)")
    p.add_argument("--length", type=int, default=512)
    p.add_argument("--task", default="passkey", help="task of the exported prompt (default: passkey)")
    p.add_argument("--last", type=int, default=3)
    p.add_argument("--device", default="jtp", help="LongSight's --device (jtp: the reference forward)")
    a = p.parse_args()
    model_dir = Path(a.model)
    tmp = Path(tempfile.mkdtemp())
    if a.text_file:
        text = Path(a.text_file).read_text(encoding="utf-8")
        text_file = Path(a.text_file)
    else:
        cell = longsight.prompts(model_dir, tmp / "p.jsonl", [a.task], [a.length], [0.3], 1, 7)[0]
        text = cell["text"][:len(cell["text"]) - len(cell["answer"])]  # the prompt, up to the answer
        text_file = tmp / "prompt.txt"
        text_file.write_text(text, encoding="utf-8")
    ids = Tokenizer.from_file(str(model_dir / "tokenizer.json")).encode(text).ids
    n = len(ids)

    m = LlamaForCausalLM.from_pretrained(model_dir, dtype=torch.float32)
    m.config._attn_implementation = "longsight"
    layout = longsight.layout(a.pattern, n, a.block)
    masks.check_pairs(layout)
    with torch.no_grad():
        logits = m(torch.tensor([ids]), pattern_mask=lsmodel.PatternMask(dense=masks.dense_mask(layout))).logits[0]
    ours = longsight.logits(model_dir, text_file, a.last, a.device, a.pattern, a.block)
    bad = 0
    for pos in range(n - a.last, n):
        top = [r for r in ours if r["position"] == pos and r["rank"] == 1][0]
        torch_top = int(logits[pos].argmax())
        gap = float(logits[pos].topk(2).values[0] - logits[pos].topk(2).values[1])
        same = top["token_id"] == torch_top
        bad += not same
        print(json.dumps({"position": pos, "longsight_top": top["token_id"], "longsight_logit": top["logit"],
                          "torch_top": torch_top, "torch_logit": round(float(logits[pos, torch_top]), 6),
                          "torch_top2_gap": round(gap, 6), "same": same}))
    print(f"{a.model} ({a.pattern}, {n} tokens): top token {'equal' if not bad else 'DIFFERENT'} at {a.last - bad} of {a.last} positions")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
