"""Duplicates and near-duplicates: an exact key of the normalised text, and MinHash LSH over word 5-grams.

`Deduplicator` answers "is this text already held, and by which URL?" against an index that lives in memory
(datasketch's dict storage) and is rebuilt from the dataset's own rows at the start of each crawl, so a recrawl
into the same output deduplicates against the earlier crawls. datasketch's Redis storage can serve the same
index across workers (`storage_config`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

SHINGLE_WORDS = 5
NUM_PERM = 128
THRESHOLD = 0.8
# Texts shorter than this many words have too few shingles for a fair estimate: exact key only.
MIN_WORDS = 50
SEED = 1
CANDIDATE_MARGIN = 0.15
# datasketch 2's 32-bit permutations; stored signatures are only comparable under the same scheme and seed.
SCHEME = "affine32"
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The words of `text`, case-folded and NFKC-normalised: punctuation, spacing and case do not count."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def exact_key(text: str) -> str:
    """The SHA-256 of the normalised text: two texts with the same words in the same order share it."""
    return _key_of(words(text))


def shingles(text: str, n: int = SHINGLE_WORDS) -> set[bytes]:
    """The word n-grams of `text` (a text shorter than n words is one shingle)."""
    return _shingles_of(words(text), n)


def _key_of(tokens: list[str]) -> str:
    return hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()


def _shingles_of(tokens: list[str], n: int = SHINGLE_WORDS) -> set[bytes]:
    if len(tokens) <= n:
        return {" ".join(tokens).encode("utf-8")}
    return {" ".join(tokens[i : i + n]).encode("utf-8") for i in range(len(tokens) - n + 1)}


def jaccard(a: set[bytes], b: set[bytes]) -> float:
    """The true Jaccard similarity of two shingle sets."""
    return len(a & b) / len(a | b) if a or b else 1.0


def signatures(shingle_sets: Iterable[set[bytes]], num_perm: int = NUM_PERM) -> list[LeanMinHash]:
    """MinHash signatures of many shingle sets, each hashed in one numpy batch (`update_batch`), not one
    `update` per shingle."""
    out = []
    for minhash in MinHash.bulk((list(s) for s in shingle_sets), num_perm=num_perm, seed=SEED, scheme=SCHEME):
        out.append(LeanMinHash(minhash))
    return out


def signature_from_values(values: Sequence[int]) -> LeanMinHash:
    """A signature stored as its hash values (the dataset's `minhash` column) made whole again."""
    return LeanMinHash(seed=SEED, hashvalues=np.asarray(values, dtype=np.uint32), scheme=SCHEME)


@dataclass(frozen=True)
class Verdict:
    """`reason` is None for a new text, else `duplicate` or `near_duplicate`, with the URL already held."""

    reason: str | None
    kept_url: str = ""
    similarity: float = 1.0


class Deduplicator:
    """An index of the texts held: exact keys in a dict, signatures in a MinHash LSH."""

    def __init__(
        self,
        threshold: float = THRESHOLD,
        num_perm: int = NUM_PERM,
        min_words: int = MIN_WORDS,
        storage_config: dict | None = None,
    ) -> None:
        if not 0 < threshold < 1:
            raise ValueError(f"threshold: {threshold!r} is not between 0 and 1")
        self.threshold = threshold
        self.num_perm = num_perm
        self.min_words = min_words
        self.exact: dict[str, str] = {}
        # The LSH only proposes candidates; their estimated similarity decides. Banded for the threshold itself,
        # it would miss a pair at 0.85 one time in six: it is banded for a lower one, and checks more candidates.
        # Another storage than the default dict (SharedDeduplicator's Redis) takes keys as bytes: nothing read back
        # from it is unpickled.
        self.lsh = MinHashLSH(
            threshold=max(0.5, threshold - CANDIDATE_MARGIN),
            num_perm=num_perm,
            storage_config=storage_config,
            prepickle=False if storage_config else None,
        )
        self.signatures: dict[str, LeanMinHash] = {}

    def __len__(self) -> int:
        return len(self.exact)

    def check(self, text: str) -> tuple[Verdict, str, LeanMinHash | None]:
        """The verdict on `text`, with its exact key and its signature (None for short texts)."""
        tokens = words(text)
        key = _key_of(tokens)
        holder = self._holder(key)
        if holder is not None:
            return Verdict("duplicate", holder), key, None
        if len(tokens) < self.min_words:
            return Verdict(None), key, None
        signature = signatures([_shingles_of(tokens)], self.num_perm)[0]
        best = Verdict(None)
        for url in self._candidates(signature):
            held = self._signature(url)
            similarity = signature.jaccard(held) if held is not None else 0.0
            if similarity >= self.threshold and (best.reason is None or similarity > best.similarity):
                best = Verdict("near_duplicate", url, similarity)
        return best, key, signature

    def add(self, url: str, key: str, signature: LeanMinHash | None) -> str:
        """Hold a text: its exact key, and its signature when it has one. Returns the URL that holds the key: `url`,
        or the one held before (a copy checked at the same time elsewhere, in a distributed crawl)."""
        holder = self.exact.setdefault(key, url)
        if holder == url and signature is not None and url not in self.signatures:
            self.signatures[url] = signature
            self.lsh.insert(url, signature, check_duplication=False)
        return holder

    def _candidates(self, signature: LeanMinHash) -> list[str]:
        return self.lsh.query(signature)

    def _holder(self, key: str) -> str | None:
        return self.exact.get(key)

    def _signature(self, url: str) -> LeanMinHash | None:
        return self.signatures.get(url)


class SharedDeduplicator(Deduplicator):
    """The same index on Redis, for the workers of a distributed crawl: exact keys and signatures in hashes
    under `prefix`, the LSH on datasketch's Redis storage. A key is claimed atomically (HSETNX), so of two exact
    copies checked at once by two workers one is kept; two near copies checked at once can both be kept."""

    def __init__(self, client, prefix: str, storage_config: dict, **kwargs) -> None:
        super().__init__(storage_config=storage_config, **kwargs)
        self.client = client
        self.exact_key = prefix + "exact"
        self.signatures_key = prefix + "signatures"

    def __len__(self) -> int:
        return self.client.hlen(self.exact_key)

    def add(self, url: str, key: str, signature: LeanMinHash | None) -> str:
        if not self.client.hsetnx(self.exact_key, key, url):
            return self.client.hget(self.exact_key, key).decode()
        if signature is not None and self.client.hsetnx(self.signatures_key, url, signature.hashvalues.tobytes()):
            self.lsh.insert(url.encode(), signature, check_duplication=False)
        return url

    def _candidates(self, signature: LeanMinHash) -> list[str]:
        return [url.decode() for url in self.lsh.query(signature)]

    def _holder(self, key: str) -> str | None:
        holder = self.client.hget(self.exact_key, key)
        return None if holder is None else holder.decode()

    def _signature(self, url: str) -> LeanMinHash | None:
        raw = self.client.hget(self.signatures_key, url)
        return None if raw is None else signature_from_values(np.frombuffer(raw, dtype=np.uint32))
