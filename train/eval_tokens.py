"""Per-position accuracy of a saved model on held-out cells: which answer tokens it predicts (teacher forcing).

  ../.venv/bin/python eval_tokens.py --model out/full --cells out/prompts/heldout-....jsonl --pattern full --block 64

The first digit of a value can only come from the needle (chance 1 in 10); later digits can also be copied once the
first is found. Prints, per task, the accuracy at each answer position and the exact match.
"""
import argparse
import json

import torch
from transformers import LlamaForCausalLM

from lstrain import data, longsight, masks, model as lsmodel


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True)
    p.add_argument("--cells", required=True, help="JSON lines from ./longsight prompts")
    p.add_argument("--pattern", default="full")
    p.add_argument("--block", type=int, default=64)
    a = p.parse_args()
    cells = [json.loads(l) for l in open(a.cells)]
    n = max(len(c["tokens"]) for c in cells)
    m = LlamaForCausalLM.from_pretrained(a.model, dtype=torch.float32).eval()
    m.config._attn_implementation = "longsight"
    layout = longsight.layout(a.pattern, n, a.block)
    masks.check_pairs(layout)
    pm = lsmodel.PatternMask(dense=masks.dense_mask(layout))
    res = {}
    with torch.no_grad():
        for c in cells:
            ids, answer, _ = data.batch([c], n, 0, None, None)
            hit = (m(ids[:, :-1], pattern_mask=pm).logits.argmax(-1) == ids[:, 1:])[0][answer[0]].tolist()
            r = res.setdefault(c["task"], {"cells": 0, "exact": 0, "per_position": []})
            r["cells"] += 1
            r["exact"] += all(hit)
            for i, h in enumerate(hit):
                if i == len(r["per_position"]):
                    r["per_position"].append(0)
                r["per_position"][i] += h
    for t, r in res.items():
        print(json.dumps({"task": t, "cells": r["cells"], "exact": r["exact"] / r["cells"],
                          "per_position": [round(x / r["cells"], 3) for x in r["per_position"]]}))


if __name__ == "__main__":
    main()
