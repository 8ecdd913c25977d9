"""Training examples from the cells `./longsight prompts` exports (the prompts `run --model` scores).

The templates, haystacks, needle places and tokens are LongSight's own: the training tool never renders a prompt.
To get more than the exported cells, `redraw_values` replaces the needles' values (and the answer's) by fresh random
numbers of the same digit count, token by token: the tokenizer splits digits one by one, so every position, the
needle spans and the answer start stay exactly the exported ones.
"""
import random

import torch


class Digits:
    """Token ids of the digits 0-9 in the tokenizer."""

    def __init__(self, tokenizer):
        self.ids = [tokenizer.token_to_id(str(d)) for d in range(10)]
        if any(i is None for i in self.ids):
            raise ValueError("the tokenizer has no single-token digits; expected digits split one by one")
        self.digit = {t: d for d, t in enumerate(self.ids)}


def _runs(tokens, lo, hi, digits: Digits):
    """(start, end) of each maximal run of digit tokens in tokens[lo:hi]."""
    runs, i = [], lo
    while i < hi:
        if tokens[i] in digits.digit:
            j = i
            while j < hi and tokens[j] in digits.digit:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def redraw_values(cell: dict, digits: Digits, rnd: random.Random) -> list:
    """The cell's tokens with every needle value replaced, consistently in needles and answer, by a fresh distinct one."""
    toks = list(cell["tokens"])
    key = lambda s, e: tuple(toks[s:e])
    spans = [r for p, n in zip(cell["needle_positions"], cell["needle_lengths"]) for r in _runs(toks, p, p + n, digits)]
    spans += _runs(toks, cell["answer_start"], len(toks), digits)
    old = {key(s, e) for s, e in spans}
    new, used = {}, set()
    for value in sorted(old):
        while True:
            fresh = (digits.ids[rnd.randint(1, 9)],) + tuple(digits.ids[rnd.randint(0, 9)] for _ in value[1:])
            if fresh not in used and fresh not in old:
                break
        used.add(fresh)
        new[value] = fresh
    for s, e in spans:
        toks[s:e] = new[key(s, e)]
    return toks


def batch(cells, length: int, pad_id: int, digits: Digits | None, rnd: random.Random):
    """(ids, answer_mask, text_mask), each (batch, length - 1): inputs, and which next-token targets are answer / text.

    Targets are ids shifted by one; answer positions are those whose target is a gold answer token, as LongSight's
    teacher forcing scores them; text positions are every other real (not padding) position.
    """
    b = len(cells)
    ids = torch.full((b, length), pad_id, dtype=torch.long)
    answer = torch.zeros(b, length - 1, dtype=torch.bool)
    text = torch.zeros(b, length - 1, dtype=torch.bool)
    for r, c in enumerate(cells):
        toks = redraw_values(c, digits, rnd) if digits is not None else c["tokens"]
        n = len(toks)
        if n > length:
            raise ValueError(f"a cell of {n} tokens in a batch of {length}")
        ids[r, :n] = torch.tensor(toks)
        a = c["answer_start"]
        answer[r, a - 1:n - 1] = True
        text[r, :a - 1] = True
    return ids, answer, text
