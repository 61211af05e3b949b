"""Build tiny but real Argos packages for tests: a SentencePiece model trained
on a few lines, a CTranslate2 Transformer, Argos metadata, zipped as .argosmodel.

The tests' models are ciphers (`cipher=True`): weights set by hand so that the
Transformer replaces each source token by its image under a seeded
permutation of the vocabulary that leaves no token in place. Their output is
nonsense, but distinct inputs give distinct outputs, and a sentence's output
does not depend on the rest of its batch, so a test can tell one sentence's
translation from another's. Without `cipher`, small random weights (the
benchmarks' models) map most inputs onto a few outputs."""

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


def _random_spec(vocab: list[str], layers: int, d_model: int, heads: int, ffn: int, seed: int, std: float, output_std: float | None):
    import ctranslate2
    import numpy as np

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
    return spec


# The cipher's residual stream has three blocks, each a vector followed by its
# negation so that its mean is zero and layer norm only rescales it:
#   A (2 * TOKEN_DIMS): the input token's code
#   P (4 * FREQUENCIES): the position, as cosines and sines of FREQUENCIES frequencies
#   C (2 * TOKEN_DIMS): in the decoder, the code of the source token copied by cross-attention
TOKEN_DIMS = 24
FREQUENCIES = 16
MAX_POSITIONS = 1024
SHARPNESS = 4.0  # weight of the query and of the output projection: near one-hot attention and argmax


def _cipher_spec(vocab: list[str], seed: int):
    """Hand-set weights: decoder step t attends to source position t (the source ends with </s>),
    copies that token's code, and the projection emits its image under a permutation fixing the special tokens."""
    import ctranslate2
    import numpy as np

    rng = np.random.default_rng(seed)
    size, a, p = len(vocab), 2 * TOKEN_DIMS, 4 * FREQUENCIES
    d = 2 * a + p
    A, P, C = slice(0, a), slice(a, a + p), slice(a + p, d)

    def mirrored(x):
        return np.concatenate([x, -x], axis=-1)

    codes = rng.normal(size=(size, TOKEN_DIMS))
    codes = mirrored(codes / np.linalg.norm(codes, axis=1, keepdims=True))  # norm sqrt(2)
    frequencies = rng.uniform(0.5, np.pi - 0.5, FREQUENCIES)
    angles = np.arange(MAX_POSITIONS)[:, None] * frequencies[None, :]
    positions = np.zeros((MAX_POSITIONS, d))
    positions[:, P] = mirrored(np.concatenate([np.cos(angles), np.sin(angles)], axis=1) / np.sqrt(FREQUENCIES))
    special = [i for i, piece in enumerate(vocab) if piece in ("<unk>", "<s>", "</s>")]
    ordinary = [i for i in range(size) if i not in special]
    cycle = rng.permutation(ordinary)
    image = np.arange(size)
    image[cycle] = np.roll(cycle, 1)  # one cycle: no ordinary token is its own image

    # Embeddings are scaled by sqrt(d): the encoder's token code weighs as much as its position,
    # the decoder's previous token almost nothing.
    encoder_embeddings = np.zeros((size, d))
    encoder_embeddings[:, A] = codes / np.sqrt(d)
    decoder_embeddings = np.zeros((size, d))
    decoder_embeddings[:, A] = 0.1 * codes / np.sqrt(d)
    query = np.zeros((d, d))
    query[: p, P] = SHARPNESS * np.eye(p)
    keys_values = np.zeros((2 * d, d))
    keys_values[: p, P] = np.eye(p)
    keys_values[d : d + a, A] = np.eye(a)
    output = np.zeros((d, d))
    output[C, : a] = 2 / np.sqrt(d) * np.eye(a)
    projection = np.zeros((size, d))
    projection[image, C] = SHARPNESS * codes

    spec = ctranslate2.specs.TransformerSpec.from_config(1, 1)
    spec.config.add_source_eos = True
    weights = {
        "encoder/embeddings_0/weight": encoder_embeddings,
        "encoder/position_encodings/encodings": positions,
        "decoder/embeddings/weight": decoder_embeddings,
        "decoder/position_encodings/encodings": positions,
        "decoder/layer_0/attention/linear_0/weight": query,
        "decoder/layer_0/attention/linear_1/weight": keys_values,
        "decoder/layer_0/attention/linear_2/weight": output,
        "decoder/projection/weight": projection,
    }
    for variable, array in weights.items():
        obj, attribute = _resolve(spec, variable)
        setattr(obj, attribute, array.astype(np.float32))
    for variable, value in spec.variables().items():
        if value is not None:
            continue
        if variable.endswith("gamma"):
            array = np.ones(d)
        elif variable.endswith("beta"):
            array = np.zeros(d)
        else:  # self-attention and feed-forward layers add nothing
            array = np.zeros(_shape(variable, d, d, size))
        obj, attribute = _resolve(spec, variable)
        setattr(obj, attribute, array.astype(np.float32))
    return spec


def build_package(
    folder: Path, from_code: str, to_code: str, *, version: str = "1.0",
    layers: int = 1, d_model: int = 16, heads: int = 2, ffn: int = 32, vocab_size: int = 80,
    seed: int = 0, lines: list[str] | None = None, vocab_target: int = 0, std: float = 0.5, output_std: float | None = None,
    cipher: bool = False,
) -> Path:
    """Write translate-FROM_TO-VERSION.argosmodel into `folder` and return its path.

    With `cipher`, the model is the token cipher of the module docstring and
    the size and weight options are ignored.
    """
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

    if cipher:
        spec = _cipher_spec(vocab, seed)
    else:
        spec = _random_spec(vocab, layers, d_model, heads, ffn, seed, std, output_std)
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
