"""A tiny camel-tools morphology database, written here in camel-tools' own format.

camel-tools' data cannot be downloaded where the tests run, so the camel
backend is exercised with a database of a few stems, prefixes and suffixes
written for it in the `MorphologyDB` text format (DEFINES, DEFAULTS, ORDER,
TOKENIZATIONS, STEMBACKOFF, PREFIXES, SUFFIXES, STEMS, TABLE AB/BC/AC), and a
`catalogue.json` that names it, laid out as `camel_data` installs data under
`CAMELTOOLS_DATA`. The real `MorphologyDB`, `Analyzer` and `MLEDisambiguator`
read it.
"""

from __future__ import annotations

import json
from pathlib import Path

DB_NAME = "tiny-msa"

# form (undiacritised, as the analyser normalises: ا for أإآ, ه for ة, ي for ى)
PREFIXES = [
    ("", "Pref-0", {"diac": "", "bw": "", "gloss": "", "prc2": "0", "d3tok": ""}),
    ("و", "Pref-Wa", {"diac": "وَ", "bw": "wa/CONJ", "gloss": "and", "prc2": "wa_conj", "d3tok": "وَ+_"}),
]
SUFFIXES = [
    ("", "Suff-0", {"diac": "", "bw": "", "gloss": "", "enc0": "0", "d3tok": ""}),
    ("هما", "Suff-Pron", {"diac": "هُما", "bw": "+humA/POSS_PRON", "gloss": "their", "enc0": "3d_poss", "d3tok": "_+هُما"}),
    ("ها", "Suff-Pron", {"diac": "ها", "bw": "+hA/POSS_PRON", "gloss": "her", "enc0": "3fs_poss", "d3tok": "_+ها"}),
    ("ت", "Suff-V3fs", {"diac": "َت", "bw": "+at/PVSUFF", "gloss": "she", "enc0": "0", "d3tok": "َت"}),
    ("تا", "Suff-V3fs", {"diac": "َتا", "bw": "+atA/PVSUFF", "gloss": "they_two", "enc0": "0", "d3tok": "َتا"}),
]
STEMS = [
    ("مفاوضات", "N", {"diac": "مُفاوَضات", "lex": "مُفاوَضَة", "pos": "noun", "gloss": "negotiations", "pos_lex_logprob": "-3.1"}),
    ("لقاءات", "N", {"diac": "لِقاءات", "lex": "لِقاء", "pos": "noun", "gloss": "meetings", "pos_lex_logprob": "-3.4"}),
    ("روسيا", "PN", {"diac": "رُوسْيا", "lex": "رُوسْيا", "pos": "noun_prop", "gloss": "Russia", "pos_lex_logprob": "-3.0"}),
    ("تركيا", "PN", {"diac": "تُرْكِيا", "lex": "تُرْكِيا", "pos": "noun_prop", "gloss": "Turkey", "pos_lex_logprob": "-3.0"}),
    ("انقره", "PN", {"diac": "أَنْقَرَة", "lex": "أَنْقَرَة", "pos": "noun_prop", "gloss": "Ankara", "pos_lex_logprob": "-3.5"}),
    ("استانف", "V", {"diac": "اِسْتَأْنَف", "lex": "اِسْتَأْنَف", "pos": "verb", "gloss": "resume", "pos_lex_logprob": "-4.0"}),
    ("تفاوض", "V", {"diac": "تَفاوَض", "lex": "تَفاوَض", "pos": "verb", "gloss": "negotiate", "pos_lex_logprob": "-4.2"}),
]
TABLE_AB = [(p, s) for p in ("Pref-0", "Pref-Wa") for s in ("N", "PN", "V")]
TABLE_BC = [("N", "Suff-0"), ("N", "Suff-Pron"), ("PN", "Suff-0"), ("V", "Suff-0"), ("V", "Suff-V3fs")]
TABLE_AC = [(p, s) for p in ("Pref-0", "Pref-Wa") for s in ("Suff-0", "Suff-Pron", "Suff-V3fs")]

OPEN = ("diac", "lex", "bw", "gloss", "d3tok", "pos_lex_logprob")


def _feats(feats: dict) -> str:
    return " ".join(f"{k}:{v}" for k, v in feats.items())


def database_text() -> str:
    lines = ["###DEFINES###"]
    lines.append("DEFINE pos " + " ".join(f"pos:{p}" for p in ("noun", "noun_prop", "verb", "punc", "digit", "latin")))
    lines.append("DEFINE prc2 prc2:0 prc2:wa_conj")
    lines.append("DEFINE enc0 enc0:0 enc0:3d_poss enc0:3fs_poss")
    lines += [f"DEFINE {f} {f}:*open*" for f in OPEN]
    lines.append("###DEFAULTS###")
    for pos in ("noun", "noun_prop", "verb", "punc", "digit", "latin"):
        lines.append(f"DEFAULT pos:{pos} prc2:0 enc0:0 " + " ".join(f"{f}:*" for f in OPEN))
    lines.append("###ORDER###")
    lines.append("ORDER pos prc2 enc0")
    lines.append("###TOKENIZATIONS###")
    lines.append("TOKENIZATION d3tok")
    lines.append("###STEMBACKOFF###")
    lines.append("###PREFIXES###")
    lines += [f"{form}\t{cat}\t{_feats(f)}" for form, cat, f in PREFIXES]
    lines.append("###SUFFIXES###")
    lines += [f"{form}\t{cat}\t{_feats(f)}" for form, cat, f in SUFFIXES]
    lines.append("###STEMS###")
    # stems carry every inflectional feature so that affixes can set them
    lines += [f"{form}\t{cat}\t{_feats({'prc2': '0', 'enc0': '0', 'd3tok': f['diac'], 'bw': f['gloss'], **f})}" for form, cat, f in STEMS]
    lines.append("###TABLE AB###")
    lines += [f"{a} {b}" for a, b in TABLE_AB]
    lines.append("###TABLE BC###")
    lines += [f"{a} {b}" for a, b in TABLE_BC]
    lines.append("###TABLE AC###")
    lines += [f"{a} {b}" for a, b in TABLE_AC]
    return "\n".join(lines) + "\n"


def build(root: Path) -> Path:
    """Writes `root/catalogue.json` and `root/data/morphology_db/<name>/morphology.db`; returns `root`."""
    root = Path(root)
    db_dir = root / "data" / "morphology_db" / DB_NAME
    db_dir.mkdir(parents=True, exist_ok=True)
    (db_dir / "morphology.db").write_text(database_text(), encoding="utf-8")
    catalogue = {
        "version": "1.6",
        "packages": {},
        "components": {
            "MorphologyDB": {"default": DB_NAME, "datasets": {DB_NAME: {"path": f"morphology_db/{DB_NAME}"}}},
        },
    }
    (root / "catalogue.json").write_text(json.dumps(catalogue, indent=1), encoding="utf-8")
    return root
