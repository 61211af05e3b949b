"""Build tiny but real Argos packages for tests: a SentencePiece model trained
on a few lines, a CTranslate2 Transformer with small random weights, Argos
metadata, zipped as .argosmodel. Random weights translate into nonsense:
tests assert structure, never quality."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

TRAINING_LINES = [
    "Türkiye, Türk devletleri ile savunma sanayisi başta olmak üzere ortak projeler geliştiriyor.",
    "Kırgızistan ise gelişmiş insansız hava araçlarını tedarik etti.",
    "De Turkse dronegigant heeft een belangrijke overeenkomst getekend met het Italiaanse bedrijf.",
    "Tyrkia fortsetter og kanskje utvider samarbeidet med Russland om luftvern.",
    "The agreement was signed in Rome on Tuesday by both leaders.",
    "Die Vereinbarung wurde am Dienstag in Rom unterzeichnet.",
    "ORTAK ÜRETİM VE MİLLİ SİLAH İHRACI 0123456789 .,;:!?-()\"'",
]


def _shape(name: str, d: int, ffn: int, vocab: int) -> tuple[int, ...]:
    if name.endswith(("gamma", "beta")):
        return (d,)
    if "embeddings" in name or "projection" in name:
        return (vocab, d)
    if "self_attention/linear_0" in name:
        return (3 * d, d)
    if "attention/linear_1" in name and "self_attention" not in name:
        return (2 * d, d)
    if "ffn/linear_0" in name:
        return (ffn, d)
    if "ffn/linear_1" in name:
        return (d, ffn)
    return (d, d)


def _resolve(spec, name: str):
    """The object and attribute a variable name like encoder/layer_0/ffn/linear_0/weight points at."""
    *parts, attribute = name.split("/")
    obj = spec
    for part in parts:
        if hasattr(obj, part):
            obj = getattr(obj, part)
        else:
            base, index = part.rsplit("_", 1)
            obj = getattr(obj, base)[int(index)]
    return obj, attribute


def build_package(
    folder: Path, from_code: str, to_code: str, *, version: str = "1.0",
    layers: int = 1, d_model: int = 16, heads: int = 2, ffn: int = 32, vocab_size: int = 80,
    seed: int = 0, lines: list[str] | None = None, vocab_target: int = 0, std: float = 0.5, output_std: float | None = None,
) -> Path:
    """Write translate-FROM_TO-VERSION.argosmodel into `folder` and return its path."""
    import ctranslate2
    import numpy as np
    import sentencepiece as spm

    name = f"translate-{from_code}_{to_code}"
    work = Path(folder) / f"build-{name}-{version}" / name
    (work / "model").mkdir(parents=True)
    corpus = (lines or TRAINING_LINES) * 20
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus), model_prefix=str(work / "sentencepiece"), vocab_size=vocab_size,
        model_type="unigram", hard_vocab_limit=False, character_coverage=1.0, minloglevel=2,
    )
    (work / "sentencepiece.vocab").unlink()
    processor = spm.SentencePieceProcessor(model_file=str(work / "sentencepiece.model"))
    vocab = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    # A real model's vocabulary is ~32k; pad so the output layer costs what it would.
    vocab += [f"<extra_{i}>" for i in range(max(0, vocab_target - len(vocab)))]

    spec = ctranslate2.specs.TransformerSpec.from_config(layers, heads)
    rng = np.random.default_rng(seed)
    for variable, value in spec.variables().items():
        if value is not None:
            continue
        shape = _shape(variable, d_model, ffn, len(vocab))
        if variable.endswith("gamma"):
            array = np.ones(shape, np.float32)
        elif variable.endswith("beta"):
            array = np.zeros(shape, np.float32)
        else:
            scale = output_std if output_std is not None and "projection" in variable else std
            array = rng.normal(0.0, scale, shape).astype(np.float32)
        obj, attribute = _resolve(spec, variable)
        setattr(obj, attribute, array)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize("int8")
    spec.save(str(work / "model"))
    metadata = {
        "package_version": version, "argos_version": "1.9.0", "from_code": from_code, "to_code": to_code,
        "from_name": from_code, "to_name": to_code, "type": "translate",
    }
    (work / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    archive = Path(folder) / f"{name}-{version}.argosmodel"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in sorted(work.rglob("*")):
            zf.write(file, file.relative_to(work.parent).as_posix())
    return archive
