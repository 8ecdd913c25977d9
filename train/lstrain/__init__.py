"""Small Llama models trained with LongSight's sparse-attention patterns (see ../README.md)."""
