"""transformers' LlamaForCausalLM whose attention is masked by a LongSight block layout.

The attention function registered here ("longsight") replaces the causal mask by the pattern's: on CUDA
FlexAttention with a BlockMask, elsewhere SDPA with the dense boolean mask of the same layout. The mask
arrives with each forward call (`model(ids, pattern_mask=PatternMask(...))`); transformers passes extra keyword
arguments down to the attention function. The checkpoint is a plain Llama: nothing of this survives saving.
"""
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from transformers import AttentionInterface, LlamaConfig, LlamaForCausalLM


@dataclass
class PatternMask:
    dense: torch.Tensor | None = None   # (n, n) bool, True = attend; SDPA
    block: object = None                # FlexAttention BlockMask of the same layout; used when set


_flex = None


def _flex_attention():
    global _flex
    if _flex is None:
        from torch.nn.attention.flex_attention import flex_attention
        _flex = torch.compile(flex_attention, dynamic=False)
    return _flex


def pattern_attention(module, query, key, value, attention_mask, scaling=None, dropout=0.0, pattern_mask=None, **kwargs):
    """query (b, h, n, d), key/value (b, kvh, n, d) -> output (b, n, h, d), no weights."""
    if pattern_mask is None:
        raise ValueError("the model's attention needs pattern_mask=PatternMask(...) in the forward call")
    gqa = query.shape[1] != key.shape[1]
    if pattern_mask.block is not None:
        out = _flex_attention()(query, key, value, block_mask=pattern_mask.block, scale=scaling, enable_gqa=gqa)
    else:
        n = query.shape[2]
        out = F.scaled_dot_product_attention(query, key, value, attn_mask=pattern_mask.dense[:n, :n], scale=scaling,
                                             enable_gqa=gqa)
    return out.transpose(1, 2).contiguous(), None


AttentionInterface.register("longsight", pattern_attention)


def config(vocab_size: int, hidden: int, layers: int, heads: int, kv_heads: int, intermediate: int, max_positions: int,
           bos_id: int, eos_id: int) -> LlamaConfig:
    return LlamaConfig(vocab_size=vocab_size, hidden_size=hidden, intermediate_size=intermediate, num_hidden_layers=layers,
                       num_attention_heads=heads, num_key_value_heads=kv_heads, head_dim=hidden // heads,
                       max_position_embeddings=max_positions, rms_norm_eps=1e-5, rope_theta=10000.0, hidden_act="silu",
                       tie_word_embeddings=False, attention_bias=False, mlp_bias=False, bos_token_id=bos_id,
                       eos_token_id=eos_id)


def build(cfg: LlamaConfig, seed: int) -> LlamaForCausalLM:
    torch.manual_seed(seed)
    model = LlamaForCausalLM(cfg)
    model.config._attn_implementation = "longsight"
    return model
