#!/usr/bin/env python3
"""Build rules/lexicon/pivot-demonyms.tsv: demonyms a pivot language leaves in its own form.

Machine translation through a pivot often prints the pivot's word for "French" romanized
("the Isbani side", "Frantsuzsky", "Furansu", "Miguk government"). This script derives those forms
from data instead of writing them by hand:

* CLDR territory and language names in each pivot locale (via babel; CLDR data is under the
  Unicode License v3, https://www.unicode.org/license.txt);
* each pivot's regular derivation of the relational adjective from those names (Arabic, Persian,
  Urdu -i nisba; Hebrew -i; Russian -skiy; Turkish language name minus -ca/-ce; Greek -ikos;
  Georgian -uli/-uri; Kazakh -lyq/-dyq/-tyq; Japanese -jin, Korean -in, Chinese -ren). A derived
  native-script form is kept only when wordfreq (data CC BY-SA 4.0) attests it in that language
  (zipf >= 2.5); Georgian and Kazakh, which wordfreq lacks, keep the regular derivation unattested;
* independent romanizers from PyPI, chosen per script by measurement (see ROMANIZERS below):
  uroman (abjads, Hindi, Thai, Tamil, and one of three Russian schemes), anyascii (Greek,
  Georgian, Russian), unidecode (Russian), pykakasi (Japanese, Hepburn), pypinyin (Chinese),
  korean-romanizer (Revised Romanization); Kazakh uses the official 2021 Latin alphabet;
* English demonyms: scripts/demonym_table.py (source noted there); English country names: CLDR.
* Indonesian and Malay, whose country names stand for the adjective ("pemerintah Tiongkok"): the
  CLDR territory name itself;
* PRESS_NAMES: the few names a pivot's press gives a country besides CLDR's (Japanese 米国
  Beikoku, 英国 Eikoku; Hindi अमरीकी; Thai อเมริกัน Amerikan; Hebrew בריטי), sources noted there.

Filters: a form that is an English word (rules/lexicon/english-words.txt, zipf >= 2.0), an
English country name or demonym in any spelling the matcher's key merges (Turkiye, Peruu), a
derived form that means something else (NOT_DEMONYMS), or maps to two different demonyms is
dropped. `also_name` is 1
when rigour's person-name symbol table (derived from Wikidata given and family names) knows the
form as a name part (Masri, Rusi, Turki): the matcher then wants stronger context.

Usage: python3 scripts/build_demonyms.py [OUT]   (needs: babel anyascii unidecode uroman pykakasi
pypinyin korean-romanizer wordfreq rigour). The committed table was built with babel 2.19.0
(CLDR 49), anyascii 0.3.3, Unidecode 1.4.0, uroman 1.3.1.1, pykakasi 2.3.0, pypinyin 0.55.0,
korean-romanizer 0.28.0, wordfreq 3.1.1, rigour 2.6.1; rebuilding with them gives it byte for byte.

Romanizers as measured on samples (فرنسا, الفرنسية, فرانسوی, צרפתית, французский, अंग्रेज़ी, 미국, フランス,
中国 ...): anyascii and unidecode drop every Arabic/Persian/Hebrew vowel letter (frns), uroman keeps
the long ones (fransa, almani, angrizi); hangul-romanize's academic scheme gives "migug" where
news prints "Miguk" (korean-romanizer's Revised Romanization); pykakasi reads kanji country names
(中国 -> chuugoku) that anyascii gives in Chinese readings (ZhongGuo). indic-transliteration was
not needed: uroman plus the anusvara rule gives the news spelling (angrezi).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from demonym_table import DEMONYMS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "rules" / "lexicon" / "pivot-demonyms.tsv"
ENGLISH_WORDS = ROOT / "rules" / "lexicon" / "english-words.txt"

# pivot -> (babel locale, wordfreq language or None, uroman language code)
PIVOTS = {
    "ar": ("ar", "ar", "ara"), "fa": ("fa", "fa", "fas"), "ur": ("ur", "ur", "urd"),
    "he": ("he", "he", "heb"), "ru": ("ru", "ru", "rus"), "tr": ("tr", "tr", "tur"),
    "el": ("el", "el", "ell"), "ka": ("ka", None, "kat"), "kk": ("kk", None, "kaz"),
    "ja": ("ja", "ja", "jpn"), "ko": ("ko", "ko", "kor"), "zh": ("zh", "zh", "zho"),
    "hi": ("hi", "hi", "hin"), "th": ("th", "th", "tha"), "ta": ("ta", "ta", "tam"),
    "id": ("id", "id", "ind"), "ms": ("ms", "ms", "msa"),
    "uk": ("uk", "uk", "ukr"), "vi": ("vi", "vi", "vie"),
    # no wordfreq list: a derived form is taken unattested, so these derive only what is regular
    "az": ("az", None, "aze"), "sw": ("sw", None, "swa"),
}

# Regions whose adjective MT leaves in the pivot as it leaves a country's ("Yevropeiski partners",
# "Avrupalı donors", "several Ouzhou governments"): CLDR region codes, with the English adjective
REGIONS = {"150": "European", "142": "Asian", "002": "African"}

# Peoples and languages without a country of their own whose English adjective is the language's
# name (a Bengali identity, Kurdish fighters, Tibetan monks): the pivots' adjectives come from
# CLDR's name of the language as a country's do. Keys are CLDR language codes.
ETHNONYMS = {
    "bn": "Bengali", "pa": "Punjabi", "ku": "Kurdish", "sd": "Sindhi", "gu": "Gujarati",
    "mr": "Marathi", "ks": "Kashmiri", "bo": "Tibetan", "ug": "Uyghur", "ta": "Tamil",
    "te": "Telugu", "ca": "Catalan", "eu": "Basque",
}  # not Baloch: English writes Baluchi, Balochi and Baloch alike, and the abjad consonant match
   # of Persian بلوچی would rewrite a correct "Baluchi"
# Communities the press names with a compound adjective of its own (Greek Τουρκοκύπριος,
# "Turkish Cypriot"): pseudo-codes for PRESS_NAMES, with their English adjective
COMMUNITIES = {"cy-tr": ("Turkish Cypriot", "Cyprus"), "cy-el": ("Greek Cypriot", "Cyprus")}
# English spellings of these names besides the one above: correct English, never rewritten
ETHNONYM_VARIANTS = ["Baluchi", "Balochi", "Beluchi", "Baluch", "Uighur", "Uigur", "Uygur", "Uyghur",
                     "Panjabi", "Gujerati", "Bangla", "Tibet", "Thibet", "Kashmir", "Kurd", "Kurdi",
                     "Catalonia", "Sind", "Bengal", "Tamil", "Marathi", "Telugu", "Punjab"]

# Names the press of a pivot gives a country besides CLDR's (which has the official or most
# neutral one), each with the romanization the press uses where the romanizers miss it (Thai:
# the Royal Thai General System, as Thai English-language papers print it). Sources: Japanese
# newspaper style (米国 and 英国 are the press's names for the US and the UK, 豪州 for Australia:
# NHK, Nikkei, Asahi headlines); Hindi newspapers (अमरीका, अमरीकी: BBC Hindi, Navbharat Times);
# Thai (อเมริกา, อเมริกัน; เขมร the Khmer, used for Cambodia); Georgian (ქართველი, a Georgian);
# Greek (αμερικανικός, American; ελλαδικός, of Greece, as the Cypriot press writes it); Hebrew
# (בריטי, British).
# how: "press-territory" (a country noun: the matcher reads it as the adjective before a noun,
# as it reads CLDR's) or "press-adjective".
PRESS_NAMES: dict[str, list[tuple[str, str, str, tuple[str, ...]]]] = {
    # pivot: [(country code, native, how, romanizations given by hand or ())]
    "ja": [("US", "米国", "press-territory", ()), ("GB", "英国", "press-territory", ()),
           ("AU", "豪州", "press-territory", ())],
    # Greek press: the two communities of Cyprus (Τουρκοκύπριος, τουρκοκυπριακός; Ελληνοκύπριος)
    "el": [("US", w, "press-adjective", ()) for w in ("αμερικανικός", "αμερικανική", "αμερικανικό", "αμερικανικοί")]
          + [("GR", w, "press-adjective", ()) for w in ("ελλαδικός", "ελλαδική", "ελλαδικό", "ελλαδικοί")]
          + [("cy-tr", w, "press-adjective", ()) for w in ("Τουρκοκύπριος", "Τουρκοκύπριοι", "τουρκοκυπριακός",
                                                          "τουρκοκυπριακή", "τουρκοκυπριακό", "τουρκοκυπριακές")]
          + [("cy-el", w, "press-adjective", ()) for w in ("Ελληνοκύπριος", "Ελληνοκύπριοι", "ελληνοκυπριακός",
                                                          "ελληνοκυπριακή", "ελληνοκυπριακό")],
    "th": [("US", "อเมริกา", "press-territory", ("Amerika",)),
           ("US", "อเมริกัน", "press-adjective", ("Amerikan",)),
           ("KH", "เขมร", "press-adjective", ("Khamen", "Khmen"))],
    "ka": [("GE", "ქართველი", "press-adjective", ())],
    # בריטי (briti): no regular derivation from בריטניה gives it (stripping -ניה or -יה would
    # also make גרמי "bony" of גרמניה and ארמי "Aramaic" of ארמניה)
    "he": [("GB", "בריטי", "press-adjective", ("Briti",)),
           # אמריקאי (amerika'i): from ארצות הברית no derivation gives it (Haaretz, Ynet)
           ("US", "אמריקאי", "press-adjective", ("Amerikai",))],
    # Korean press: 호주 (Australia; CLDR has 오스트레일리아), 한국 (Korea; CLDR has 대한민국):
    # Yonhap, KBS, Chosun Ilbo headlines
    "ko": [("AU", "호주", "press-territory", ()), ("KR", "한국", "press-territory", ())],
    # Vietnamese press: Mỹ (the US; CLDR has Hoa Kỳ), Úc (Australia): VnExpress, Tuổi Trẻ headlines
    "vi": [("US", "Mỹ", "press-territory", ()), ("AU", "Úc", "press-territory", ())],
    # Malay and Indonesian press: Inggeris / Inggris (Britain, English; CLDR has "United Kingdom")
    # and Amerika (CLDR has "Amerika Syarikat" / "Amerika Serikat"): Berita Harian, Kompas
    "ms": [("GB", "Inggeris", "press-territory", ()), ("US", "Amerika", "press-territory", ())],
    "id": [("GB", "Inggris", "press-territory", ()), ("US", "Amerika", "press-territory", ())],
    # Swahili: Uingereza (Britain; CLDR has the multi-word "Ufalme wa Muungano"): Taifa Leo, BBC Swahili
    "sw": [("GB", "Uingereza", "press-territory", ())],
    "hi": [("US", "अमरीका", "press-territory", ()), ("US", "अमरीकी", "press-adjective", ()),
           ("bn", "बंगाली", "press-adjective", ())],  # बंगाली: CLDR has only बांग्ला, the language
}
ATTESTED = 2.5  # wordfreq zipf a derived native form needs
# derived native forms that are attested words of another meaning
NOT_DEMONYMS = {
    "בריטני": "Breton (of Brittany), not British",
    "גרמי": "bony",
    "ארמי": "Aramaic",
    "רומאי": "Roman",
    # Greek γεωργικός is "agricultural" (γεωργία, farming), not of Georgia (Γεωργία)
    **{"γεωργικ" + e: "agricultural, not Georgian" for e in ("ός", "ή", "ό", "οί", "ά", "ές")},
    # Russian and Ukrainian азовский is of the Sea of Azov, not of Asia (Азия)
    **{w: "of the Sea of Azov, not Asian" for w in ("азовский", "азовская", "азовское", "азовские",
                                                     "азовський", "азовська", "азовське", "азовські")},
    # Russian индейский is of the American Indians; of India is индийский
    **{"индейск" + e: "Native American, not of India" for e in ("ий", "ая", "ое", "ие")},
    # Turkish Iraklı romanizes to Irakli, a Georgian given name (Irakli Kobakhidze)
    "Iraklı": "Irakli is a Georgian given name",
}

_uroman = None


def uroman(text: str, lang: str) -> str:
    global _uroman
    if _uroman is None:
        import uroman as ur

        _uroman = ur.Uroman()
    return _uroman.romanize_string(text, lcode=lang)


def clean(s: str) -> str:
    """Romanizer output -> one token as MT prints it: letters only, capitalised."""
    s = unicodedata.normalize("NFC", s)
    s = re.sub(r"[\s'’ʼ`ʻ\-@]", "", s)
    if not s or not re.fullmatch(r"[^\W\d_]+", s):
        return ""
    return s[0].upper() + s[1:].lower()


# --- romanizers (measured on samples: the best per script, several where MT varies) ---

def rom_default(text: str, pivot: str) -> set[str]:
    from anyascii import anyascii

    out = {clean(uroman(text, PIVOTS[pivot][2])), clean(anyascii(text))}
    if pivot == "el":  # ELOT 743, the Greek state's romanization: ου is ou, υ is y (Tourkokyprios)
        out.add(clean(re.sub(r"[Oo]y", lambda m: m.group()[0] + "u", anyascii(text))))
    return out - {""}


def rom_abjad(text: str, pivot: str) -> set[str]:
    # anyascii/unidecode drop every vowel letter (فرنسي -> frnsy); uroman keeps the long ones.
    # The letters w/y (and Hebrew v) that stand for long vowels are read as u/i, as MT prints
    # them (almany -> almani, awkrany -> ukrani); short vowels are not written, so the matcher
    # also compares consonant skeletons for these pivots.
    r = uroman(text, PIVOTS[pivot][2]).lower()
    if pivot == "he" and text[:1] in "בכפ":
        # a word-initial bet, kaf, pe takes dagesh: b, k, p (בריטי is briti, not vriti)
        r = re.sub(r"^(?:v|kh|f)", {"ב": "b", "כ": "k", "פ": "p"}[text[0]], r)
    glide = "wv" if pivot == "he" else "w"
    r = re.sub(rf"(?:(?<=[^aeiou])|^a?)[{glide}](?=[^aeiou]|$)", "u", r)
    r = re.sub(r"(?:(?<=[^aeiou])|^a?)y(?=[^aeiou]|$)", "i", r)
    return {clean(r)} - {""}


def rom_ru(text: str, pivot: str) -> set[str]:
    from anyascii import anyascii
    from unidecode import unidecode

    # three schemes MT output shows: -skiy (anyascii), -skii (unidecode), -sky (uroman)
    return {clean(anyascii(text)), clean(unidecode(text)), clean(uroman(text, "rus"))} - {""}


def rom_hi(text: str, pivot: str) -> set[str]:
    out = clean(uroman(text, "hin"))
    # anusvara before a velar/palatal is heard and written n: amgrezi -> angrezi
    out = re.sub(r"m(?=[kgcj])", "n", out)
    # uroman doubles long vowels and retroflexes (aa, ii, dd); news romanization does not
    out = re.sub(r"([aeiou])\1", r"\1", out)
    out = re.sub(r"([dt])\1", r"\1", out)
    out = re.sub(r"c(?!h)", "ch", out)
    return {out} - {""}


_kks = None


def rom_ja(text: str, pivot: str) -> set[str]:
    global _kks
    if _kks is None:
        import pykakasi

        _kks = pykakasi.kakasi()
    hep = "".join(t["hepburn"] for t in _kks.convert(text))
    # Hepburn writes long vowels as ou/uu; news romanization drops them or uses macrons
    short = re.sub(r"ou|oo", "o", re.sub(r"uu", "u", hep))
    return {clean(hep), clean(short)} - {""}


def rom_ko(text: str, pivot: str) -> set[str]:
    from korean_romanizer.romanizer import Romanizer

    return {clean(Romanizer(text).romanize())} - {""}


def rom_zh(text: str, pivot: str) -> set[str]:
    from pypinyin import Style, lazy_pinyin

    return {clean("".join(lazy_pinyin(text, style=Style.NORMAL)))} - {""}


# Kazakh Latin alphabet of 2021 (the form Kazakh media use: Qazaqstan, Reseilik)
KK_LATIN = dict(zip(
    "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    ["a", "ä", "b", "v", "g", "ğ", "d", "e", "io", "j", "z", "i", "i", "k", "q", "l", "m", "n",
     "ñ", "o", "ö", "p", "r", "s", "t", "u", "ū", "ü", "f", "h", "h", "ts", "ch", "ş", "şş", "",
     "y", "i", "", "e", "iu", "ia"]))


def rom_kk(text: str, pivot: str) -> set[str]:
    from anyascii import anyascii

    lat = "".join(KK_LATIN.get(c, c) for c in text.lower())
    return {clean(lat), clean(anyascii(lat))} - {""}


def rom_tr(text: str, pivot: str) -> set[str]:
    from anyascii import anyascii

    return {clean(text), clean(anyascii(text))} - {""}  # Latin already; MT may drop the marks


def rom_ka(text: str, pivot: str) -> set[str]:
    from anyascii import anyascii

    return {clean(anyascii(text))} - {""}  # clean() drops the ejective apostrophe


def rom_uk(text: str, pivot: str) -> set[str]:
    from anyascii import anyascii
    from unidecode import unidecode

    # the national transliteration (anyascii: yevropeiskyi) and two MT shows (-skyy, -ski)
    out = {clean(anyascii(text)), clean(unidecode(text)), clean(uroman(text, "ukr"))}
    out |= {re.sub(r"yi$", "i", w) for w in out} | {re.sub(r"yi$", "yy", w) for w in out}
    out |= {re.sub(r"^I([eau])", r"Y\1", w) for w in out}  # word-initial є, я, ю: Ye, Ya, Yu
    return out - {""}


def rom_vi(text: str, pivot: str) -> set[str]:
    return {clean(text)} - {""}  # Latin already; MT keeps the marks (Pháp, Úc), which keep it from English


ROMANIZERS = {"id": rom_tr, "ms": rom_tr, "az": rom_tr, "sw": rom_tr, "ar": rom_abjad, "fa": rom_abjad, "ur": rom_abjad, "he": rom_abjad, "ru": rom_ru,
              "hi": rom_hi, "ja": rom_ja, "ko": rom_ko, "zh": rom_zh, "kk": rom_kk, "ka": rom_ka, "tr": rom_tr,
              "uk": rom_uk, "vi": rom_vi}


# --- derivations per pivot: (native form, how) from CLDR names ---

def attested(word: str, wf_lang: str | None) -> bool:
    if wf_lang is None:
        return True
    from wordfreq import zipf_frequency

    return zipf_frequency(word, wf_lang) >= ATTESTED


def strip_ar_article(s: str) -> str:
    return s[2:] if s.startswith("ال") and len(s) > 4 else s


def derive(pivot: str, tname: str | None, lnames: list[str]) -> list[tuple[str, str]]:
    """Native-script forms for one country: its CLDR territory name tname and the CLDR names of
    the languages whose English name is the country's demonym (French, German, Japanese ...)."""
    wf = PIVOTS[pivot][1]
    out: list[tuple[str, str]] = []
    cands: list[tuple[str, str]] = []  # derived, need attestation
    if pivot in ("ar", "fa", "ur"):
        for ln in lnames:
            ln = strip_ar_article(ln)
            if pivot == "ar" and ln.endswith("ية"):
                cands.append((ln[:-2] + "ي", "cldr-language-nisba"))
            elif ln.endswith(("ی", "ي")):
                out.append((ln, "cldr-language"))
        if tname:
            t = strip_ar_article(tname)
            if pivot == "ar":
                out.append((t, "cldr-territory"))
            for stem in {t, re.sub(r"(يا|ا|ة|ه)$", "", t)}:
                for suf in ("ي", "ی", "وی", "اوی"):
                    if (suf == "ي") == (pivot == "ar"):
                        cands.append((stem + suf, "derived-nisba"))
    elif pivot == "he":
        for ln in lnames:
            if ln.endswith("ית"):
                cands.append((ln[:-1], "cldr-language-adjective"))
        if tname:
            # בלגיה -> בלגי, ניגריה -> ניגרי, שוודיה -> שוודי: the adjective drops the name's -ia
            for stem in {re.sub(r"[הא]$", "", tname), re.sub(r"יה$", "", tname)}:
                for suf in ("י", "אי", "ני"):
                    cands.append((stem + suf, "derived-adjective"))
            for suf in ("י", "אי", "ני"):
                cands.append((tname + suf, "derived-adjective"))
    elif pivot == "ru":
        for ln in lnames:
            out.append((ln, "cldr-language"))
            if ln.endswith("ский"):  # feminine, neuter, plural: французская, -ое, -ие
                out += [(ln[:-2] + e, "cldr-language-inflected") for e in ("ая", "ое", "ие")]
        if tname:
            stem = re.sub(r"(ия|ья|а|я|й|ь)$", "", tname.lower())
            for suf in ("ский", "анский", "ийский", "йский", "овский", "енский", "ейский"):
                cands.append((stem + suf, "derived-skiy"))
                cands += [(stem + suf[:-2] + e, "derived-skiy-inflected") for e in ("ая", "ое", "ие")]
    elif pivot == "tr":
        for ln in lnames:
            m = re.fullmatch(r"(\w+?)(ca|ce|ça|çe)", ln)
            if m:
                cands.append((m.group(1), "derived-language-stem"))
        if tname and " " not in tname:
            # -li of origin, by vowel harmony: Suriye -> Suriyeli, Avrupa -> Avrupalı, Irak -> Iraklı
            vowels = re.findall(r"[aeıioöuü]", tname.lower().replace("i̇", "i"))
            suffix = {"a": "lı", "ı": "lı", "e": "li", "i": "li", "o": "lu", "u": "lu", "ö": "lü", "ü": "lü"}
            if vowels:
                cands.append((tname + suffix[vowels[-1]], "derived-li"))
    elif pivot == "el":
        for ln in lnames:
            m = re.fullmatch(r"(\w+)[άα]", ln)
            if m:
                for suf in ("ός", "ή", "ό", "οί", "ά", "ές"):
                    cands.append((m.group(1) + suf, "derived-ikos"))
        if tname and " " not in tname:
            # from the country's name: Βρετανία -> βρετανικός, Κύπρος -> κυπριακός (the accent moves
            # to the ending; attestation keeps the real ones)
            bare = "".join(c for c in unicodedata.normalize("NFD", tname.lower()) if not unicodedata.combining(c))
            stem = re.sub(r"(ια|ος|α|η|ο)$", "", unicodedata.normalize("NFC", bare))
            for mid in ("ικ", "ιακ"):
                for end in ("ός", "ή", "ό", "οί", "ά", "ές"):
                    cands.append((stem + mid + end, "derived-ikos"))
    elif pivot == "uk":
        for ln in lnames:
            # CLDR names a language with the feminine adjective (французька, of мова): the other
            # genders and the plural are the same adjective (французький, -ке, -кі)
            if ln.endswith("ька"):
                out.append((ln, "cldr-language"))
                out += [(ln[:-1] + e, "cldr-language-inflected") for e in ("ий", "е", "і")]
        if tname:
            stem = re.sub(r"(ія|ья|а|я|й|ь)$", "", tname.lower())
            for suf in ("ський", "анський", "ійський", "йський", "ецький", "ейський"):
                cands += [(stem + suf[:-2] + e, "derived-skyi") for e in ("ий", "а", "е", "і")]
    elif pivot == "vi":
        if tname and " " not in tname:
            out.append((tname, "cldr-territory"))  # Vietnamese puts the name after the noun
    elif pivot == "ka":
        for ln in lnames:
            if ln.endswith(("ული", "ური")):
                out.append((ln, "cldr-language"))
        if tname:
            stem = re.sub(r"(ეთი|ი|ა)$", "", tname)
            suf = "ური" if "ლ" in stem else "ული"
            out.append((stem + suf, "derived-uli"))
    elif pivot == "kk":
        for ln in lnames:
            if ln.endswith(" тілі"):
                out.append((ln[: -len(" тілі")], "cldr-language"))
        if tname and " " not in tname:
            last = tname[-1].lower()
            vowels = re.findall(r"[аәеоөұүыіэюя]", tname.lower())  # и, у are neutral
            back = not vowels or vowels[-1] in "аоұыюя"
            if last in "аәеоөұүыіэюяйлрув":
                c = "л"
            elif last in "мнңзж":
                c = "д"
            else:
                c = "т"
            out.append((tname + c + ("ық" if back else "ік"), "derived-lyq"))
    elif pivot == "ja":
        if tname:
            out.append((tname, "cldr-territory"))
            out.append((tname + "人", "derived-jin"))
    elif pivot == "ko":
        if tname:
            out.append((tname, "cldr-territory"))
            out.append((tname + "인", "derived-in"))
    elif pivot == "zh":
        if tname:
            out.append((tname, "cldr-territory"))
            out.append((tname + "人", "derived-ren"))
    elif pivot == "hi":
        for ln in lnames:
            out.append((ln, "cldr-language"))
        if tname:
            out.append((tname, "cldr-territory"))
            stem = re.sub(r"[ाा]$", "", tname)
            for suf in ("ी", "ई"):
                cands.append((stem + suf, "derived-nisba"))
    elif pivot in ("id", "ms", "sw"):
        if tname:
            out.append((tname, "cldr-territory"))  # Indonesian/Malay/Swahili put the name after the noun
    elif pivot == "az":
        if tname and " " not in tname:
            out.append((tname, "cldr-territory"))
            # -lı of origin, by vowel harmony: Rusiya -> Rusiyalı, Azərbaycan -> Azərbaycanlı
            vowels = re.findall(r"[aıoueəiöü]", tname.lower())
            suffix = {"a": "lı", "ı": "lı", "o": "lu", "u": "lu", "e": "li", "ə": "li", "i": "li", "ö": "lü", "ü": "lü"}
            if vowels:
                out.append((tname + suffix[vowels[-1]], "derived-li"))
    elif pivot in ("th", "ta"):
        if tname:
            out.append((tname, "cldr-territory"))
        for ln in lnames:
            out.append((ln, "cldr-language"))
    for form, how in cands:
        if form not in NOT_DEMONYMS and attested(form, wf):
            out.append((form, how))
    return out


def variant_adjectives(L, pivot: str, cc: str) -> list[tuple[str, str]]:
    """The adjective in CLDR's names of regional language variants: "American English" is
    "الإنجليزية الأمريكية" in Arabic, "американский английский" in Russian, "ამერიკული
    ინგლისური" in Georgian; the word that is not the language's name is the region's adjective.
    Used only when the English variant name itself carries the demonym (not "European Spanish")."""
    import babel

    en = babel.Locale("en")
    out = []
    for code, native in L.languages.items():
        base, _, region = code.partition("_")
        if region != cc or not base or base not in en.languages:
            continue
        if en.languages.get(code, "").replace(en.languages[base], "").strip() != DEMONYMS[cc]:
            continue
        base_name = L.languages.get(base, "")
        if pivot == "tr" and base_name:
            # "Amerikan İngilizcesi": the language's name takes the possessive ending -si/-sı
            native = " ".join(w for w in native.split() if not w.startswith(base_name))
            base_name = ""
            rest = native.strip()
        else:
            rest = native.replace(base_name, "").strip() if base_name else ""
        if not rest or (rest == native.strip() and pivot != "tr") or " " in rest:
            continue
        if pivot == "ar":
            rest = strip_ar_article(rest)
            rest = rest[:-2] + "ي" if rest.endswith("ية") else rest
        elif pivot == "he" and rest.endswith("ית"):
            rest = rest[:-1]
        elif pivot == "el" or pivot == "kk":
            continue  # genitive nouns (Αμερικής), not adjectives
        out.append((rest, "cldr-variant-adjective"))
    return out


def english_filter() -> set[str]:
    words = set()
    for line in ENGLISH_WORDS.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        try:
            z = float(parts[1]) if len(parts) > 1 else 9.0
        except ValueError:
            z = 9.0
        if z >= 2.0:  # the whole file: Misra, Horvat, Turki are names in English news too
            words.add(parts[0].lower())
    return words


def name_checker():
    try:
        from rigour.names import NameTypeTag, analyze_names
    except ImportError:  # pragma: no cover - noted in the table's header
        return None

    def is_name(form: str) -> bool:
        names = analyze_names(NameTypeTag.PER, [form])
        return any(str(s.symbol.category).endswith("NAME") for n in names for s in n.spans)

    return is_name


def fold(s: str) -> str:
    """The key column: a spelling-insensitive key for readers and the conflict check (the matcher
    recomputes its own with the same merges, without anyascii)."""
    from anyascii import anyascii

    s = anyascii(s).lower()
    s = re.sub(r"[^a-z]", "", s)
    for a, b in (("ch", "c"), ("sh", "s"), ("th", "t"), ("dh", "d"), ("bh", "b"), ("ph", "f"),
                 ("kh", "k"), ("tz", "ts"), ("ee", "i"), ("oo", "u")):
        s = s.replace(a, b)
    return re.sub(r"([aeiou])\1+", r"\1", s)


def main(out_path: Path = OUT) -> None:
    import babel

    en = babel.Locale("en")
    english_lang_of = {}  # language code -> country code, when the language's English name is
    for code, name in en.languages.items():  # the demonym of its likely country (fr -> FR)
        if "_" in code:
            continue
        likely = babel.core.get_global("likely_subtags").get(code, "")
        cc = likely.split("_")[-1] if likely else ""
        if cc in DEMONYMS and DEMONYMS[cc] == name:
            english_lang_of[code] = cc
    # English itself: likely_subtags put it in the US, but the pivots' word for the language is
    # also their word for "British" (Persian engelisi, Turkish Ingiliz, Hindi angrezi, Georgian
    # inglisuri); MT leaves it for Britain ("the Engelisi foreign minister")
    english_lang_of["en"] = "GB"
    lang_by_cc: dict[str, list[str]] = {}
    for code, cc in english_lang_of.items():
        lang_by_cc.setdefault(cc, []).append(code)

    english = english_filter()
    english |= {w.lower() for cc in DEMONYMS for w in (DEMONYMS[cc], en.territories.get(cc, ""))}
    is_name = name_checker()
    # an English country name or demonym in another spelling (Turkiye is Türkiye) is English too
    english_folded = {fold(w) for cc in DEMONYMS for w in (DEMONYMS[cc], en.territories.get(cc, "")) if w}
    english_folded |= {fold(w) for w in [*ETHNONYMS.values(), *ETHNONYM_VARIANTS]}
    regions_en = [w for code, adj in REGIONS.items() for w in (adj, en.territories.get(code, ""), "Europa", "Eurasia") if w]
    english |= {w.lower() for w in regions_en}
    english_folded |= {fold(w) for w in regions_en}

    rows: dict[tuple[str, str], tuple[str, str, str, str]] = {}
    for pivot, (loc, _, _) in PIVOTS.items():
        L = babel.Locale.parse(loc)
        rom = ROMANIZERS.get(pivot, rom_default)
        peoples = [(code, adj, None, [L.languages[code]] if code in L.languages else [])
                   for code, adj in ETHNONYMS.items()] + [(code, adj, None, []) for code, (adj, _) in COMMUNITIES.items()]
        regions = [(code, adj, L.territories.get(code), []) for code, adj in REGIONS.items()]
        for cc, demonym, tname, lnames in [(cc, d, L.territories.get(cc), [L.languages[c] for c in lang_by_cc.get(cc, [])
                                            if c in L.languages]) for cc, d in DEMONYMS.items()] + peoples + regions:
            press = [(n, h, hand) for c, n, h, hand in PRESS_NAMES.get(pivot, ()) if c == cc]
            if pivot in ("ja", "zh"):  # 米国人 as 中国人: the person noun too
                press += [(n + "人", "press-jin", ()) for n, h, _ in list(press) if h == "press-territory"]
            for native, how, hand in [(n, h, ()) for n, h in derive(pivot, tname, lnames)
                                      + variant_adjectives(L, pivot, cc)] + press:
                if re.search(r"[\s\-]", native) and pivot != "kk":
                    continue  # multi-word names are not what MT leaves in one token
                for form in sorted(hand or rom(native, pivot)):
                    # short forms collide with names and brands (Baxi, Guba, Cek): a country
                    # noun needs 5 letters, an adjective 4
                    noun = how in ("cldr-territory", "derived-jin", "derived-in", "derived-ren",
                                   "press-territory", "press-jin")
                    # (a Vietnamese name keeps its marks, which no English word has: Pháp, Úc)
                    shortest = 2 if pivot == "vi" and not form.isascii() else 5 if noun else 4
                    if not shortest <= len(form) <= 18 or form.lower() in english \
                            or fold(form) in english_folded:  # Turkiye is Türkiye
                        continue
                    key = (form, pivot)
                    if key not in rows or rows[key][3].startswith("derived"):
                        where = en.territories.get(cc) or COMMUNITIES.get(cc, ("", ""))[1] or en.languages.get(cc, cc)
                        rows[key] = (demonym, where, native, how)
    # a form that two countries claim (Congolese CD/CG agree; Dominican too) must agree on English
    by_form: dict[str, set[str]] = {}
    for (form, _), (demonym, *_rest) in rows.items():
        by_form.setdefault(fold(form), set()).add(demonym)
    lines = ["form\tenglish\tcountry\tpivot\thow\tnative\tkey\talso_name"]
    for (form, pivot), (demonym, country, native, how) in sorted(rows.items(),
                                                                 key=lambda r: (r[0][1], r[0][0])):
        if len(by_form[fold(form)]) > 1:
            continue
        also = "1" if is_name and is_name(form) else "0"
        lines.append("\t".join([form, demonym, country, pivot, how, native, fold(form), also]))
    header = (
        "# Pivot-language demonyms, romanized as MT prints them. Generated by "
        "scripts/build_demonyms.py; do not edit.\n"
        "# Sources: CLDR (Unicode License v3) via babel; wordfreq (CC BY-SA 4.0) attestation; "
        "rigour (MIT) name symbols for also_name; demonyms: scripts/demonym_table.py.\n"
    )
    out_path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 1} forms -> {out_path}", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
