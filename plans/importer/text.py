"""Text helpers of the importer: folding that keeps offsets, tokens, Vietnamese letter case."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from core.search import normalise

# Abbreviations officials write, expanded (only when written in capitals) so that "UBND", "BCĐ QCDC" and
# "Ủy ban nhân dân", "Ban chỉ đạo Quy chế dân chủ" become the same words.
ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "mttq": "mat tran to quoc",
    "bcd": "ban chi dao",
    "bchqs": "ban chi huy quan su",
    "tdp": "to dan pho",
    "tdvcd": "to dan van cong dong",
    "qcdc": "quy che dan chu",
    "ct-xh": "chinh tri xa hoi",
    "ctxh": "chinh tri xa hoi",
    "dv": "dan van",
    "tn": "thanh nien",
    "tncs": "thanh nien cong san",
    "pn": "phu nu",
    "lhpn": "lien hiep phu nu",
    "ccb": "cuu chien binh",
    "nct": "nguoi cao tuoi",
    "cb": "chi bo",
    "ca": "cong an",
    "tt": "thuong truc",
    "btv": "ban thuong vu",
    "du": "dang uy",
}


# Abbreviations that are no Vietnamese syllable are expanded in any case ("ubnd phuong"); the others ("CA",
# "TN", "DV" …) only in capitals, where they cannot be "cả", "tên" or "dù".
EXPAND_ANY_CASE = {"ubnd", "hdnd", "mttq", "bcd", "bchqs", "tdp", "tdvcd", "qcdc", "ct-xh", "ctxh", "lhpn", "ccb",
                   "nct", "tncs", "btv"}


def _expands(token):
    return token.word in ABBREVIATIONS and (token.upper or token.word in EXPAND_ANY_CASE)


@lru_cache(maxsize=4096)
def _fold_char(char):
    if char.isspace():
        return " "
    folded = normalise(char)
    return folded if len(folded) == 1 else char.lower()


def fold(text):
    """Lower case without diacritics, one character for one character (offsets stay valid)."""
    return "".join(map(_fold_char, text))


def nfc(text):
    return unicodedata.normalize("NFC", text or "")


def squash(text):
    """One space between words, no space before punctuation that closes."""
    text = re.sub(r"\s+", " ", text or "").strip()
    return re.sub(r"\s+([,;:)]|\.(?!\.))", r"\1", text)


@dataclass
class Token:
    word: str  # folded
    original: str
    start: int
    end: int
    punct: bool = False
    expanded: bool = False  # one of the words an abbreviation stands for

    @property
    def capitalised(self):
        return bool(self.original) and self.original[0].isupper()

    @property
    def upper(self):
        letters = [c for c in self.original if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


_TOKEN = re.compile(r"\w+(?:[-/]\w+)*|[,;.:()]")


def tokenize(text):
    """Words and clause punctuation of ``text`` (NFC), abbreviations in capitals expanded."""
    folded = fold(text)
    tokens = []
    for match in _TOKEN.finditer(folded):
        word = match.group()
        start, end = match.span()
        original = text[start:end]
        if word in ",;.:()":
            tokens.append(Token(word, original, start, end, punct=True))
            continue
        token = Token(word, original, start, end)
        if _expands(token):
            tokens.extend(Token(part, original, start, end, expanded=True) for part in ABBREVIATIONS[word].split())
        elif "-" in word and not any(c.isdigit() for c in word):
            offset = start
            for part, part_original in zip(word.split("-"), original.split("-"), strict=False):
                piece = Token(part, part_original, offset, offset + len(part))
                if _expands(piece):
                    tokens.extend(Token(p, part_original, piece.start, piece.end, expanded=True)
                                  for p in ABBREVIATIONS[part].split())
                elif part:
                    tokens.append(piece)
                offset += len(part) + 1
        else:
            tokens.append(token)
    return tokens


def words(text):
    """The folded words of a name, as a tuple (abbreviations expanded)."""
    return tuple(t.word for t in tokenize(nfc(text)) if not t.punct)


# Words that stay in capitals when a heading in capitals is turned into ordinary case.
_KEEP_UPPER = {"ubnd", "hdnd", "mttq", "ct-xh", "ctxh", "bcd", "tdp", "qcdc", "ii", "iii", "iv", "vi", "vii",
               "viii", "ix", "xi", "tw", "tu", "du", "kh", "qd", "nq", "ct", "tdvcd"}
# After these words come proper names (places), which keep a capital on every word.
_PLACE_WORDS = {"phuong", "xa", "tinh", "huyen", "thi tran", "thanh pho"}


def sentence_case(text):
    """'ĐẢNG ỦY PHƯỜNG HOÀNG VĂN THỤ' -> 'Đảng ủy phường Hoàng Văn Thụ'; mixed case is left alone."""
    text = squash(text)
    letters = [c for c in text if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return text
    result = []
    proper = False
    for index, word in enumerate(text.split(" ")):
        key = fold(word).strip(",.;:()")
        if key in _KEEP_UPPER or "/" in word or any(c.isdigit() for c in word):
            result.append(word)
        elif index == 0 or proper:
            result.append(word[:1] + word[1:].lower())
        else:
            result.append(word.lower())
        if key in _PLACE_WORDS or (result and fold(" ".join(result[-2:])) in _PLACE_WORDS):
            proper = True
    return " ".join(result)


def title_case_name(text):
    """A person's name: 'ĐỖ HUY HOÀNG' -> 'Đỗ Huy Hoàng'."""
    return " ".join(word[:1].upper() + word[1:].lower() for word in squash(text).split(" "))


def capitalise(text):
    text = text.strip()
    return text[:1].upper() + text[1:]
