"""A tiny Arabic stanza model set, trained here with stanza's own training code.

No model can be downloaded where the tests run, so the stanza backend is
exercised with models this module trains in seconds from a few sentences
written for it (CoNLL-U for tokenizer, tagger, lemmatizer and parser; BIOES
JSON for NER) and a small word-vector file. The models are saved in the layout
`stanza.download` produces (`<dir>/resources.json`, `<dir>/ar/<processor>/<package>.pt`),
so `stanza.Pipeline(lang="ar", dir=..., download_method=None)` loads them the
way it loads the published ones.

They learn the training sentences by heart and nothing more: tests run the
pipeline on those sentences and check the plumbing (loading, alignment of
stanza words to our tokens, roles from the parse, NER proposals), not accuracy.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

PACKAGE = "tiny"

# (form, upos, lemma, head, deprel, ner) per token; ids are positions from 1.
SENTENCES: list[list[tuple[str, str, str, int, str, str]]] = [
    [
        ("التقى", "VERB", "التقى", 0, "root", "O"),
        ("وزير", "NOUN", "وزير", 1, "nsubj", "O"),
        ("الخارجية", "NOUN", "خارجية", 2, "nmod", "O"),
        ("الروسي", "ADJ", "روسي", 2, "amod", "O"),
        ("نظيره", "NOUN", "نظير", 1, "obj", "O"),
        ("التركي", "ADJ", "تركي", 5, "amod", "O"),
        ("في", "ADP", "في", 8, "case", "O"),
        ("أنقرة", "PROPN", "أنقرة", 1, "obl", "S-LOC"),
        (".", "PUNCT", ".", 1, "punct", "O"),
    ],
    [
        ("اجتمع", "VERB", "اجتمع", 0, "root", "O"),
        ("ممثلو", "NOUN", "ممثل", 1, "nsubj", "O"),
        ("الفصائل", "NOUN", "فصيل", 2, "nmod", "O"),
        ("مع", "ADP", "مع", 5, "case", "O"),
        ("روسيا", "PROPN", "روسيا", 1, "obl", "S-LOC"),
        ("برعاية", "NOUN", "رعاية", 1, "obl", "O"),
        ("تركيا", "PROPN", "تركيا", 6, "nmod", "S-LOC"),
        (".", "PUNCT", ".", 1, "punct", "O"),
    ],
    [
        ("جرت", "VERB", "جرى", 0, "root", "O"),
        ("محادثات", "NOUN", "محادثة", 1, "nsubj", "O"),
        ("بين", "ADP", "بين", 4, "case", "O"),
        ("روسيا", "PROPN", "روسيا", 2, "nmod", "S-LOC"),
        ("والفصائل", "NOUN", "فصيل", 4, "conj", "O"),
        ("في", "ADP", "في", 7, "case", "O"),
        ("أنقرة", "PROPN", "أنقرة", 1, "obl", "S-LOC"),
        ("بوساطة", "NOUN", "وساطة", 1, "obl", "O"),
        ("قطر", "PROPN", "قطر", 8, "nmod", "S-LOC"),
        (".", "PUNCT", ".", 1, "punct", "O"),
    ],
    [
        ("وقال", "VERB", "قال", 0, "root", "O"),
        ("سليم", "PROPN", "سليم", 1, "nsubj", "B-PER"),
        ("الحداد", "PROPN", "الحداد", 2, "flat", "E-PER"),
        ("إن", "SCONJ", "إن", 5, "mark", "O"),
        ("الهدنة", "NOUN", "هدنة", 1, "ccomp", "O"),
        ("صامدة", "ADJ", "صامد", 5, "amod", "O"),
        (".", "PUNCT", ".", 1, "punct", "O"),
    ],
    [
        ("استضافت", "VERB", "استضاف", 0, "root", "O"),
        ("قطر", "PROPN", "قطر", 1, "nsubj", "S-LOC"),
        ("محادثات", "NOUN", "محادثة", 1, "obj", "O"),
        ("بين", "ADP", "بين", 5, "case", "O"),
        ("الحكومة", "NOUN", "حكومة", 3, "nmod", "O"),
        ("وحركة", "NOUN", "حركة", 5, "conj", "B-ORG"),
        ("النور", "PROPN", "نور", 6, "nmod", "E-ORG"),
        (".", "PUNCT", ".", 1, "punct", "O"),
    ],
    [
        ("التقى", "VERB", "التقى", 0, "root", "O"),
        ("الطرفان", "NOUN", "طرف", 1, "nsubj", "O"),
        ("في", "ADP", "في", 4, "case", "O"),
        ("جنيف", "PROPN", "جنيف", 1, "obl", "S-LOC"),
        ("برعاية", "NOUN", "رعاية", 1, "obl", "O"),
        ("حثيثة", "ADJ", "حثيث", 5, "amod", "O"),
        ("ومتواصلة", "ADJ", "متواصل", 6, "conj", "O"),
        ("منذ", "ADP", "منذ", 9, "case", "O"),
        ("أشهر", "NOUN", "شهر", 5, "nmod", "O"),
        ("من", "ADP", "من", 11, "case", "O"),
        ("قطر", "PROPN", "قطر", 5, "nmod", "S-LOC"),
        (".", "PUNCT", ".", 1, "punct", "O"),
    ],
    [
        ("جرت", "VERB", "جرى", 0, "root", "O"),
        ("المحادثات", "NOUN", "محادثة", 1, "nsubj", "O"),
        ("تحت", "ADP", "تحت", 4, "case", "O"),
        ("رعاية", "NOUN", "رعاية", 1, "obl", "O"),
        ("مباشرة", "ADJ", "مباشر", 4, "amod", "O"),
        ("من", "ADP", "من", 7, "case", "O"),
        ("جانب", "NOUN", "جانب", 4, "nmod", "O"),
        ("دولة", "NOUN", "دولة", 7, "nmod", "O"),
        ("قطر", "PROPN", "قطر", 8, "nmod", "S-LOC"),
        (".", "PUNCT", ".", 1, "punct", "O"),
    ],
    [
        ("واستأنفت", "VERB", "استأنف", 0, "root", "O"),
        ("روسيا", "PROPN", "روسيا", 1, "nsubj", "S-LOC"),
        ("وتركيا", "PROPN", "تركيا", 2, "conj", "S-LOC"),
        ("المفاوضات", "NOUN", "مفاوضة", 1, "obj", "O"),
        ("في", "ADP", "في", 6, "case", "O"),
        ("أنقرة", "PROPN", "أنقرة", 1, "obl", "S-LOC"),
        (".", "PUNCT", ".", 1, "punct", "O"),
    ],
    [
        ("وأعلن", "VERB", "أعلن", 0, "root", "O"),
        ("مجلس", "NOUN", "مجلس", 1, "nsubj", "B-ORG"),
        ("الرمال", "PROPN", "رمال", 2, "nmod", "E-ORG"),
        ("وقف", "NOUN", "وقف", 1, "obj", "O"),
        ("إطلاق", "NOUN", "إطلاق", 4, "nmod", "O"),
        ("النار", "NOUN", "نار", 5, "nmod", "O"),
        (".", "PUNCT", ".", 1, "punct", "O"),
    ],
]

WORDVEC_DIM = 16


def conllu(sentences=SENTENCES) -> str:
    """The sentences in CoNLL-U, with `# text` lines (space-joined forms)."""
    blocks = []
    for k, sent in enumerate(sentences, 1):
        text = " ".join(tok[0] for tok in sent[:-1]) + sent[-1][0]
        lines = [f"# sent_id = {k}", f"# text = {text}"]
        for i, (form, upos, lemma, head, deprel, _) in enumerate(sent, 1):
            space = "SpaceAfter=No" if i < len(sent) and sent[i][1] == "PUNCT" else "_"
            lines.append("\t".join([str(i), form, lemma, upos, upos, "_", str(head), deprel, "_", space]))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n\n"


def raw_text(sentences=SENTENCES) -> str:
    return "\n\n".join(" ".join(tok[0] for tok in s[:-1]) + s[-1][0] for s in sentences) + "\n"


def tokenizer_labels(text: str, sentences=SENTENCES) -> str:
    """stanza's character labels: 1 ends a token, 2 ends a sentence, 0 otherwise."""
    labels = []
    for k, sent in enumerate(sentences):
        chars = []
        for i, tok in enumerate(sent):
            form = tok[0]
            chars.extend("0" * (len(form) - 1))
            chars.append("2" if i == len(sent) - 1 else "1")
            if i < len(sent) - 1 and sent[i + 1][1] != "PUNCT":
                chars.append("0")  # the space
        labels.append("".join(chars))
    out = "\n\n".join(labels) + "\n"
    assert len(out) == len(text), (len(out), len(text))
    return out


def ner_json(sentences=SENTENCES) -> str:
    return json.dumps([[{"text": t[0], "ner": t[5]} for t in s] for s in sentences], ensure_ascii=False)


def word_vectors(sentences=SENTENCES, dim: int = WORDVEC_DIM) -> str:
    rng = random.Random(7)
    words = sorted({t[0] for s in sentences for t in s})
    lines = [f"{len(words)} {dim}"]
    for w in words:
        lines.append(w + " " + " ".join(f"{rng.uniform(-1, 1):.4f}" for _ in range(dim)))
    return "\n".join(lines) + "\n"


def build(root: Path, processors=("tokenize", "pos", "lemma", "depparse", "ner")) -> Path:
    """Trains the tiny models into `root` (a STANZA_RESOURCES_DIR); returns `root`."""
    import torch
    from stanza.models import lemmatizer, ner_tagger, parser, tagger, tokenizer

    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny models train fastest on one thread, and never fight other tests for cores
    try:
        return _build(root, processors, lemmatizer, ner_tagger, parser, tagger, tokenizer)
    finally:
        torch.set_num_threads(threads)


def _build(root, processors, lemmatizer, ner_tagger, parser, tagger, tokenizer) -> Path:
    import logging

    from stanza.models.common.pretrain import Pretrain

    logging.getLogger("stanza").setLevel(logging.ERROR)
    root = Path(root)
    data = root / "_train"
    data.mkdir(parents=True, exist_ok=True)
    ar = root / "ar"
    conll = data / "train.conllu"
    conll.write_text(conllu(), encoding="utf-8")
    txt = data / "train.txt"
    txt.write_text(raw_text(), encoding="utf-8")
    (data / "train.labels").write_text(tokenizer_labels(raw_text()), encoding="utf-8")
    (data / "ner.json").write_text(ner_json(), encoding="utf-8")
    (data / "mwt.json").write_text("[]", encoding="utf-8")  # no multi-word tokens in these sentences
    (data / "vectors.txt").write_text(word_vectors(), encoding="utf-8")

    pretrain_file = ar / "pretrain" / f"{PACKAGE}.pt"
    pretrain_file.parent.mkdir(parents=True, exist_ok=True)
    Pretrain(str(pretrain_file), str(data / "vectors.txt")).load()  # writes the .pt

    def out(proc: str) -> list[str]:
        (ar / proc).mkdir(parents=True, exist_ok=True)
        return ["--save_dir", str(ar / proc), "--save_name", f"{PACKAGE}.pt"]

    common = ["--lang", "ar", "--shorthand", "ar_tiny", "--seed", "1"]
    if "tokenize" in processors:
        tokenizer.main(
            ["--mode", "train", "--txt_file", str(txt), "--label_file", str(data / "train.labels"),
             "--mwt_json_file", str(data / "mwt.json"), "--dev_txt_file", str(txt), "--dev_label_file", str(data / "train.labels"), "--dev_conll_gold", str(conll),
             "--steps", "300", "--eval_steps", "300", "--batch_size", "8", "--max_seqlen", "64",
             "--emb_dim", "16", "--hidden_dim", "16", "--no_use_mwt", "--dropout", "0", "--unit_dropout", "0",
             "--tok_noise", "0", "--sent_drop_prob", "0", "--last_char_drop_prob", "0", *common, *out("tokenize")]
        )
    tagger_args = ["--wordvec_pretrain_file", str(pretrain_file), "--train_file", str(conll), "--eval_file", str(conll),
                   "--batch_size", "64", "--hidden_dim", "16", "--char_hidden_dim", "16", "--word_emb_dim", "16",
                   "--char_emb_dim", "8", "--tag_emb_dim", "8", "--transformed_dim", "16", "--deep_biaff_hidden_dim", "16",
                   "--composite_deep_biaff_hidden_dim", "16", "--num_layers", "1", "--word_dropout", "0", "--dropout", "0",
                   "--no_second_optim", "--fix_eval_interval", *common]
    if "pos" in processors:
        tagger.main(["--mode", "train", "--max_steps", "80", "--eval_interval", "80", "--lr", "0.02", *tagger_args, *out("pos")])
    if "lemma" in processors:
        # the dictionary lemmatizer: a real stanza lemma model, trained in no time
        lemmatizer.main(
            ["--mode", "train", "--train_file", str(conll), "--eval_file", str(conll), "--dict_only",
             "--shorthand", "ar_tiny", "--seed", "1", *out("lemma")]
        )
    if "depparse" in processors:
        parser.main(
            ["--mode", "train", "--wordvec_pretrain_file", str(pretrain_file), "--train_file", str(conll),
             "--eval_file", str(conll), "--batch_size", "64", "--hidden_dim", "32", "--char_hidden_dim", "16",
             "--deep_biaff_hidden_dim", "32", "--deep_biaff_output_dim", "16", "--word_emb_dim", "16", "--char_emb_dim", "8",
             "--tag_emb_dim", "8", "--transformed_dim", "16", "--num_layers", "1", "--word_dropout", "0", "--dropout", "0",
             "--max_steps", "150", "--eval_interval", "150", "--optim", "adam", "--lr", "0.01", "--no_second_optim",
             "--no_checkpoint", *common, *out("depparse")]
        )
    if "ner" in processors:
        ner_tagger.main(
            ["--mode", "train", "--wordvec_pretrain_file", str(pretrain_file), "--train_file", str(data / "ner.json"),
             "--eval_file", str(data / "ner.json"), "--batch_size", "8", "--hidden_dim", "16", "--char_hidden_dim", "16",
             "--char_emb_dim", "8", "--word_dropout", "0", "--dropout", "0", "--max_steps", "100", "--eval_interval", "100",
             "--optim", "adam", "--lr", "0.01", "--shorthand", "ar_tiny", "--seed", "1", *out("ner")]
        )
    write_resources(root, processors)
    return root


def write_resources(root: Path, processors) -> None:
    """resources.json as stanza.download writes it, listing the tiny package for Arabic."""
    deps = [{"model": "pretrain", "package": PACKAGE}]
    ar: dict = {"lang_name": "Arabic", "packages": {"default": {}}, "default_processors": {}, "pretrain": {PACKAGE: {}}}
    for proc in processors:
        ar[proc] = {PACKAGE: {"dependencies": deps} if proc in ("pos", "depparse", "ner") else {}}
        ar["packages"]["default"][proc] = PACKAGE
        ar["default_processors"][proc] = PACKAGE
    (Path(root) / "resources.json").write_text(json.dumps({"ar": ar}, ensure_ascii=False, indent=1), encoding="utf-8")
