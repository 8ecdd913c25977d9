"""Training masks from LongSight's block layouts (`./longsight patterns --layout`), checked against its pair counts.

A layout (JSON) holds, per query block q, its full key blocks and its partial ones (the diagonal, masked token
by token): query i attends key j iff block(j) is in row block(i) and j <= i. `kept_blocks(layout)` is that block
relation as a dense (nq, nq) boolean matrix; `dense_mask` expands it to tokens for SDPA (CPU); `block_mask` gives
the same relation to FlexAttention (CUDA).
"""
import torch


def kept_blocks(layout: dict) -> torch.Tensor:
    """(nq, nq) bool: key block k is in row q (full or partial)."""
    nq = layout["query_blocks"]
    kept = torch.zeros(nq, nq, dtype=torch.bool)
    for q in range(nq):
        for k in layout["full"][q] + layout["partial"][q]:
            kept[q, k] = True
    return kept


def dense_mask(layout: dict, n: int | None = None) -> torch.Tensor:
    """(n, n) bool, True where query i attends key j; n defaults to the layout's length (a prefix otherwise)."""
    n = layout["length"] if n is None else n
    if n > layout["length"]:
        raise ValueError(f"mask of {n} tokens from a layout of {layout['length']}")
    b = layout["block"]
    blk = torch.arange(n) // b
    kept = kept_blocks(layout)
    i = torch.arange(n)
    return kept[blk[:, None], blk[None, :]] & (i[None, :] <= i[:, None])


def check_pairs(layout: dict) -> int:
    """The mask's kept (query, key) pairs; raises unless they equal LongSight's count for the layout."""
    got = int(dense_mask(layout).sum())
    if got != layout["pairs"]:
        raise AssertionError(f"{layout['spec']} at {layout['length']} tokens, block {layout['block']}: "
                             f"the training mask keeps {got} pairs, LongSight's layout {layout['pairs']}")
    return got


def block_mask(layout: dict, device):
    """FlexAttention's BlockMask of the same relation as `dense_mask` (CUDA; FlexAttention picks its own tile)."""
    from torch.nn.attention.flex_attention import create_block_mask
    n, b = layout["length"], layout["block"]
    kept = kept_blocks(layout).to(device)

    def mask_mod(_b, _h, q_idx, kv_idx):
        return (kv_idx <= q_idx) & kept[q_idx // b, kv_idx // b]

    return create_block_mask(mask_mod, B=None, H=None, Q_LEN=n, KV_LEN=n, device=device)
