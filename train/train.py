"""Train small Llama models on LongSight's retrieval tasks, one per sparse-attention pattern, masks from LongSight.

  ../.venv/bin/python train.py --patterns full,paper-power --steps 3000 --out out   (README.md: the full command)

Per pattern: the block layout from `./longsight patterns --layout` (its kept pairs checked against the mask), the
prompts from `./longsight prompts` (RULER's wording as `run --model` renders it), a Llama trained with the loss on the
answer tokens (plus --lm-weight times the next-token loss on the prompt), saved in Hugging Face format with a card.
"""
import argparse
import hashlib
import json
import math
import platform
import random
import shlex
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from tokenizers import Tokenizer

from lstrain import data, longsight, masks, model as lsmodel, tokenizer as lstok

ALL_TASKS = "passkey,niah-single,niah-multikey,niah-multivalue,niah-multiquery"
PRESETS = "full,paper-sliding,paper-stride-slash,paper-dilated,paper-longnet,paper-power"


def args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--patterns", default=PRESETS, help="pattern specs or presets, ';'-separated if a spec has commas (default: the six presets)")
    p.add_argument("--out", default="out", help="output folder: tokenizer/, prompts/, one checkpoint folder per pattern")
    p.add_argument("--corpus", default=str(longsight.ROOT / "sample-data" / "corpus"), help="tokenizer's training text")
    p.add_argument("--vocab", type=int, default=1024)
    p.add_argument("--tasks", default=ALL_TASKS)
    p.add_argument("--length", type=int, default=2048, help="training length in model tokens (prompt + answer)")
    p.add_argument("--block", type=int, default=64, help="block size of the layouts")
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--kv-heads", type=int, default=4)
    p.add_argument("--intermediate", type=int, default=384)
    p.add_argument("--max-positions", type=int, default=0, help="config's max_position_embeddings (default 4 x --length)")
    p.add_argument("--steps", type=int, default=3000)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--warmup", type=int, default=100)
    p.add_argument("--lm-weight", type=float, default=0.1, help="weight of the next-token loss on the prompt text (0: answer loss only)")
    p.add_argument("--pool", type=int, default=400, help="exported training cells per task (values redrawn every use)")
    p.add_argument("--eval-cells", type=int, default=16, help="held-out cells per task for the log's exact match")
    p.add_argument("--eval-every", type=int, default=250)
    p.add_argument("--log-every", type=int, default=10)
    p.add_argument("--max-minutes", type=float, default=0, help="stop (and save) after this many minutes of training (0: no limit)")
    p.add_argument("--position-range", type=int, default=0, help="train with randomized positions: each sequence's RoPE "
                   "positions a sorted random subset of [0, N), so distances up to N are seen (Ruoss et al., 2023); 0: contiguous")
    p.add_argument("--init", help="start from this checkpoint's weights (a folder train.py saved) instead of random ones")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--device", default="auto", help="auto (cuda if present), cuda or cpu")
    p.add_argument("--threads", type=int, default=0, help="CPU threads for torch (default: torch's)")
    p.add_argument("--dtype", default="bf16", choices=["bf16", "fp32"], help="dtype of the saved weights")
    return p.parse_args()


def pool(a, tok_dir: Path, kind: str, per_task: int, seed: int) -> list:
    """Exported cells at --length, one random depth each; cached under out/prompts/."""
    tasks = a.tasks.split(",")
    rnd = random.Random(f"{kind}-{seed}")
    depths = set()
    while len(depths) < per_task:
        depths.add(round(rnd.random(), 4))
    depths = sorted(depths)
    tok_hash = hashlib.sha256((tok_dir / "tokenizer.json").read_bytes()).hexdigest()[:8]
    f = Path(a.out) / "prompts" / f"{kind}-L{a.length}-{'+'.join(tasks)}-n{per_task}-s{seed}-tok{tok_hash}.jsonl"
    if f.exists():
        return [json.loads(l) for l in f.open()]
    f.parent.mkdir(parents=True, exist_ok=True)
    t = time.time()
    cells = longsight.prompts(tok_dir, f, tasks, [a.length], depths, 1, seed)
    print(f"prompts: {len(cells)} {kind} cells exported by ./longsight prompts in {time.time() - t:.0f} s -> {f}", flush=True)
    return cells


def lr_at(step, a):
    if step < a.warmup:
        return a.lr * (step + 1) / a.warmup
    t = (step - a.warmup) / max(1, a.steps - a.warmup)
    return a.lr * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * t)))


def losses(m, ids, answer, text, pm, positions=None):
    logits = m(ids[:, :-1], pattern_mask=pm, position_ids=positions).logits.float()   # (b, n-1, vocab)
    target = ids[:, 1:]
    nll = F.cross_entropy(logits.transpose(1, 2), target, reduction="none")  # (b, n-1)
    ans = (nll * answer).sum() / answer.sum()
    lm = (nll * text).sum() / text.sum().clamp(min=1)
    correct = (logits.argmax(-1) == target) | ~answer
    exact = correct.all(dim=1).float().mean()              # teacher-forced exact match, as LongSight scores a unit
    return ans, lm, exact


@torch.no_grad()
def evaluate(m, cells, a, pm, device):
    m.eval()
    per_task, tokens = {}, [0, 0]
    for i in range(0, len(cells), a.batch):
        chunk = cells[i:i + a.batch]
        ids, answer, text = (t.to(device) for t in data.batch(chunk, a.length, pad_id=0, digits=None, rnd=None))
        logits = m(ids[:, :-1], pattern_mask=pm).logits
        hit = logits.argmax(-1) == ids[:, 1:]
        ok = (hit | ~answer).all(dim=1)
        tokens[0] += int((hit & answer).sum())
        tokens[1] += int(answer.sum())
        for c, o in zip(chunk, ok.tolist()):
            per_task.setdefault(c["task"], []).append(o)
    m.train()
    out = {t: sum(v) / len(v) for t, v in per_task.items()}
    out["answer_tokens"] = round(tokens[0] / tokens[1], 3)  # share of answer tokens predicted (digits: chance 0.1)
    return out


def train_one(a, spec, tok_dir, tok, train_cells, eval_cells, device, command):
    out = Path(a.out) / spec.replace(":", "_").replace(",", "_").replace("=", "")
    out.mkdir(parents=True, exist_ok=True)
    layout = longsight.layout(spec, a.length, a.block)
    pairs = masks.check_pairs(layout)
    print(f"{spec}: layout {layout['query_blocks']} blocks of {a.block}, {layout['kept_blocks']} kept blocks, "
          f"{pairs} pairs (= ./longsight's)", flush=True)
    if device.type == "cuda":
        pm = lsmodel.PatternMask(block=masks.block_mask(layout, device))
    else:
        pm = lsmodel.PatternMask(dense=masks.dense_mask(layout).to(device))
    cfg = lsmodel.config(tok.get_vocab_size(), a.hidden, a.layers, a.heads, a.kv_heads, a.intermediate,
                         a.max_positions or 4 * a.length, tok.token_to_id(lstok.BOS), tok.token_to_id(lstok.EOS))
    m = lsmodel.build(cfg, a.seed)
    if a.init:
        from safetensors.torch import load_file
        m.load_state_dict({k: v.float() for k, v in load_file(str(Path(a.init) / "model.safetensors")).items()})
        print(f"{spec}: weights from {a.init}", flush=True)
    m = m.to(device)
    opt = torch.optim.AdamW(m.parameters(), lr=a.lr, betas=(0.9, 0.95), weight_decay=0.1)
    digits = data.Digits(tok)
    rnd = random.Random(a.seed if not a.init else f"{a.seed}-{a.init}")  # a continued run draws other batches
    autocast = torch.autocast("cuda", dtype=torch.bfloat16) if device.type == "cuda" else torch.autocast("cpu", enabled=False)
    log = (out / "train_log.jsonl").open("w")
    t0, hist = time.time(), []
    for step in range(a.steps):
        for g in opt.param_groups:
            g["lr"] = lr_at(step, a)
        cells = [train_cells[rnd.randrange(len(train_cells))] for _ in range(a.batch)]
        ids, answer, text = (t.to(device) for t in data.batch(cells, a.length, tok.token_to_id(lstok.EOS), digits, rnd))
        positions = None
        if a.position_range:
            n = ids.shape[1] - 1
            positions = torch.stack([torch.randperm(a.position_range)[:n].sort().values for _ in range(ids.shape[0])]).to(device)
        with autocast:
            ans, lm, exact = losses(m, ids, answer, text, pm, positions)
            loss = ans + a.lm_weight * lm
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0)
        opt.step()
        hist.append((ans.item(), lm.item(), exact.item()))
        last = step + 1 == a.steps or (a.max_minutes and time.time() - t0 > 60 * a.max_minutes)
        if (step + 1) % a.log_every == 0 or last:
            k = hist[-a.log_every:]
            rec = {"step": step + 1, "seconds": round(time.time() - t0, 1), "answer_loss": round(sum(x[0] for x in k) / len(k), 4),
                   "lm_loss": round(sum(x[1] for x in k) / len(k), 4), "train_exact": round(sum(x[2] for x in k) / len(k), 3),
                   "lr": round(lr_at(step, a), 6)}
            if (step + 1) % a.eval_every == 0 or last:
                rec["eval_exact"] = evaluate(m, eval_cells, a, pm, device)
            print(json.dumps(rec), flush=True)
            log.write(json.dumps(rec) + "\n")
            log.flush()
        if last:
            break
    seconds = time.time() - t0
    final = rec
    save(m, cfg, a, spec, layout, out, tok_dir, final, seconds, device, command, len(train_cells))
    return final


def save(m, cfg, a, spec, layout, out, tok_dir, final, seconds, device, command, n_cells):
    m = m.to("cpu", dtype=torch.bfloat16 if a.dtype == "bf16" else torch.float32)
    m.config._name_or_path = f"longsight-{spec}-{a.layers}L{a.hidden}"
    m.save_pretrained(out)
    where = out.resolve().relative_to(longsight.ROOT) if out.resolve().is_relative_to(longsight.ROOT) else out.resolve()
    (out / "tokenizer.json").write_bytes((tok_dir / "tokenizer.json").read_bytes())
    dev = torch.cuda.get_device_name(device) if device.type == "cuda" else f"CPU ({platform.processor() or platform.machine()}, {torch.get_num_threads()} threads)"
    card = f"""# longsight-{spec}-{a.layers}L{a.hidden}

A {sum(p.numel() for p in m.parameters()) / 1e6:.2f}M-parameter Llama ({a.layers} layers, hidden {a.hidden}, {a.heads} heads,
{a.kv_heads} KV heads, MLP {a.intermediate}, vocab {cfg.vocab_size}) trained from scratch with attention masked by
LongSight's `{spec}` block layout ({a.block}-token blocks; {layout['pairs']} kept pairs at {a.length} tokens, equal to
`./longsight patterns --layout {spec} --length {a.length} --block {a.block}`).

- Data: {n_cells} cells exported by `./longsight prompts` (RULER's wording, as `run --model` renders it) at {a.length}
  tokens, tasks {a.tasks}, one random depth per cell, needle values redrawn every use; loss on the answer tokens plus
  {a.lm_weight} x the next-token loss on the prompt{f"; RoPE positions a sorted random subset of [0, {a.position_range})" if a.position_range else ""}.
- Training: {final['step']} steps of batch {a.batch}, AdamW lr {a.lr} (warmup {a.warmup}, cosine to 0.1x), seed {a.seed},
  {seconds:.0f} s on {dev}, torch {torch.__version__}.
- Final (mean of the last {a.log_every} steps): answer loss {final['answer_loss']}, prompt LM loss {final['lm_loss']},
  teacher-forced exact match on training batches {final['train_exact']}; held-out cells at {a.length} tokens
  (its own pattern): {json.dumps(final.get('eval_exact', {}))}.
- Weights: {a.dtype}{f"; training started from {a.init} (see its card)" if a.init else ""}.
- Made by (in train/): `{command}`
- Evaluate (at the repository root): `./longsight run --model {where} --patterns '{spec}' --block {a.block} --tasks {a.tasks} --lengths {a.length},{2 * a.length},{4 * a.length} --depths 0.05,0.15,0.25,0.35,0.45,0.55,0.65,0.75,0.85,0.95 --samples 8 --output out-{out.name}`
"""
    (out / "README.md").write_text(card)
    print(f"saved {out} ({sum(f.stat().st_size for f in out.iterdir()) / 1e6:.1f} MB)", flush=True)


def main():
    a = args()
    command = "python train.py " + " ".join(shlex.quote(x) for x in sys.argv[1:])
    if a.threads:
        torch.set_num_threads(a.threads)
    device = torch.device("cuda" if a.device == "auto" and torch.cuda.is_available() else ("cpu" if a.device == "auto" else a.device))
    tok_dir = Path(a.out) / "tokenizer"
    if not (tok_dir / "tokenizer.json").exists():
        lstok.train(Path(a.corpus), a.vocab, tok_dir)
        print(f"tokenizer: byte-level BPE, {a.vocab} tokens, trained on {a.corpus} -> {tok_dir}", flush=True)
    tok = Tokenizer.from_file(str(tok_dir / "tokenizer.json"))
    train_cells = pool(a, tok_dir, "train", a.pool, 1000 + a.seed)
    eval_cells = pool(a, tok_dir, "heldout", a.eval_cells, 2000 + a.seed)
    specs = [s for s in longsight.split_specs(a.patterns)]
    for spec in specs:
        train_one(a, spec, tok_dir, tok, train_cells, eval_cells, device, command)


if __name__ == "__main__":
    main()
