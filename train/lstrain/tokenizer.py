"""A small byte-level BPE trained on the sample corpus with Hugging Face tokenizers, digits split one by one."""
import json
from pathlib import Path

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers

BOS, EOS = "<s>", "</s>"


def corpus_texts(corpus: Path):
    """The documents as `run` reads them: *.txt whole, the "text" field of each *.jsonl line."""
    for p in sorted(Path(corpus).iterdir()):
        if p.suffix == ".txt":
            yield p.read_text(encoding="utf-8")
        elif p.suffix == ".jsonl":
            for line in p.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    yield json.loads(line)["text"]


def train(corpus: Path, vocab_size: int, out_dir: Path) -> Tokenizer:
    tok = Tokenizer(models.BPE())
    # Digits one by one (as Llama's tokenizers do): every 5- or 7-digit value is the same number of tokens.
    tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=True),
                                                 pre_tokenizers.ByteLevel(add_prefix_space=False)])
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=[BOS, EOS],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(list(corpus_texts(corpus)), trainer)
    bos = tok.token_to_id(BOS)
    tok.post_processor = processors.TemplateProcessing(single=f"{BOS} $A", special_tokens=[(BOS, bos)])  # a BOS, as Llama's
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tok.save(str(out_dir / "tokenizer.json"))
    return tok
