"""Checks: the training masks keep exactly LongSight's pairs; FlexAttention's BlockMask and the dense SDPA mask agree.

Run: ../.venv/bin/python -m unittest test_masks   (needs the built ./longsight; a minute, mostly JVM starts)
"""
import unittest

import torch
import torch.nn.functional as F

from lstrain import longsight, masks

PRESETS = ["full", "paper-sliding", "paper-stride-slash", "paper-dilated", "paper-longnet", "paper-power"]


class MaskTest(unittest.TestCase):
    def test_pairs_equal_longsight_and_prefixes_are_layouts(self):
        # 300 tokens in blocks of 16: 19 blocks, the last one short; 237 is a prefix of it
        for spec in PRESETS:
            whole, part = longsight.layout(spec, 300, 16), longsight.layout(spec, 237, 16)
            masks.check_pairs(whole)
            masks.check_pairs(part)
            self.assertTrue(torch.equal(masks.dense_mask(whole, 237), masks.dense_mask(part)), spec)

    def test_flex_block_mask_equals_dense_mask(self):
        try:
            from torch.nn.attention.flex_attention import flex_attention
        except ImportError:
            self.skipTest("no FlexAttention in this torch")
        torch.manual_seed(0)
        n, b = 256, 16
        for spec in ["paper-power", "paper-longnet"]:
            lay = longsight.layout(spec, n, b)
            q, k, v = (torch.randn(1, 2, n, 32) for _ in range(3))
            dense = F.scaled_dot_product_attention(q, k, v, attn_mask=masks.dense_mask(lay))
            flex = flex_attention(q, k, v, block_mask=masks.block_mask(lay, "cpu"))
            torch.testing.assert_close(flex, dense, atol=1e-5, rtol=1e-5, msg=spec)


if __name__ == "__main__":
    unittest.main()
