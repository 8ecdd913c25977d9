"""The LongSight CLI as the training tool's source of truth: block layouts and evaluation prompts."""
import json
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository root
LAUNCHER = ROOT / "longsight"


def _run(args, **kw):
    env = dict(os.environ)
    r = subprocess.run([str(LAUNCHER), *args], cwd=ROOT, capture_output=True, text=True, env=env, **kw)
    if r.returncode != 0:
        raise RuntimeError(f"./longsight {' '.join(args)} failed ({r.returncode}): {r.stderr.strip()[-2000:]}")
    return r.stdout


def layout(spec: str, length: int, block: int) -> dict:
    """`./longsight patterns --layout SPEC --length N --block B`: rows of full and partial key blocks, kept pairs."""
    return json.loads(_run(["patterns", "--layout", spec, "--length", str(length), "--block", str(block)]))


def prompts(tokenizer_dir: Path, out: Path, tasks, lengths, depths, samples: int, seed: int) -> list:
    """`./longsight prompts`: the cells `run --model` scores, rendered by its own code, as dicts (one per cell)."""
    _run(["prompts", "--model", str(Path(tokenizer_dir).resolve()), "--tasks", ",".join(tasks),
          "--lengths", ",".join(str(n) for n in lengths), "--depths", ",".join(repr(float(d)) for d in depths),
          "--samples", str(samples), "--seed", str(seed), "--output", str(Path(out).resolve())])
    with open(out) as f:
        return [json.loads(line) for line in f]


def receptive_field(specs, lengths, block: int, layers) -> list:
    """`./longsight rf`: coverage of the last query block within each layer count, as dicts."""
    out = _run(["rf", "--patterns", ";".join(specs), "--lengths", ",".join(str(n) for n in lengths),
                "--block", str(block), "--layers", ",".join(str(l) for l in layers)])
    lines = out.strip().splitlines()
    head = lines[0].split(",")
    rows = []
    for line in lines[1:]:
        # the pattern field may be quoted (specs hold commas); the last four fields are plain
        *pat, length, blk, lay, cov = line.rsplit(",", 4)
        rows.append({"pattern": pat[0].strip('"'), "length": int(length), "block": int(blk), "layers": int(lay), "coverage": float(cov)})
    assert head == ["pattern", "length", "block", "layers", "coverage"], head
    return rows


def logits(model_dir: Path, text_file: Path, last: int, device: str = "jtp", pattern: str = "full", block: int = 64) -> list:
    """`./longsight logits`: the top-5 next tokens at the last positions, as dicts."""
    out = _run(["logits", "--model", str(Path(model_dir).resolve()), "--text-file", str(Path(text_file).resolve()),
                "--last", str(last), "--device", device, "--patterns", pattern, "--block", str(block)])
    lines = [l for l in out.strip().splitlines() if l]
    rows = []
    for line in lines[1:]:
        position, rank, token_id, rest = line.split(",", 3)
        token, logit = rest.rsplit(",", 1)
        rows.append({"position": int(position), "rank": int(rank), "token_id": int(token_id), "logit": float(logit)})
    return rows


def split_specs(s: str) -> list:
    """Pattern specs from a list: ';' separates; a comma followed by key=value continues a spec (as the CLI reads them)."""
    out = []
    for part in s.split(";"):
        for item in part.split(","):
            item = item.strip()
            if not item:
                continue
            if out and "=" in item and ":" not in item and out[-1] is not None and ":" in out[-1]:
                out[-1] += "," + item
            else:
                out.append(item)
    return out
