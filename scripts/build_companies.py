#!/usr/bin/env python3
"""Generate rules/gazetteer/companies.toml (kind = "organization"): companies and platforms in the news.

Dev-time only: needs pytickersymbols (1.17.10), cleanco (2.3) and wordfreq (3.1.1); the generated
TOML is committed and cleaner never imports these packages.

    python3 scripts/build_companies.py            # (re)write the TOML
    python3 scripts/build_companies.py --check    # exit 1 if the file is stale

Why these sources: the names of a year of international news that the hand-curated
organizations.toml missed were mostly companies (Pfizer, Samsung, Toyota) and platforms (YouTube,
Instagram, Facebook). pytickersymbols (MIT) lists the constituents of twenty stock indices (S&P 500,
Nikkei 225, FTSE 100, DAX, CAC 40, EURO STOXX 50, ...) with each company's English Wikipedia
address; the Wikipedia title is the spelling English text uses. cleanco (MIT) strips the legal
form ("Pfizer Inc." -> "Pfizer") for the short alias. The platforms and the large companies of
markets those indices do not cover (Korea, China, India, Russia, the Gulf) are CURATED below.

Every form here is a correct spelling (names PROTECT text as much as they repair it). A form is
left out when it is already claimed by another bundled gazetteer file (a bundled clash is an error)
or when an index company's name is one common English word or a common name (wordfreq Zipf >=
COMMON_ZIPF: "Target", "Visa", "Progressive"): such a word is no pivot misspelling's target, and
listing it would make a sentence-initial "Target" a company. Curated names were chosen by hand
(wordfreq folds case, so "Twitter" looks as common as a word); platforms named by a common word
("Signal", "Threads", "Zoom") are left out. To change the output edit the tables below, never the TOML.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path
from urllib.parse import unquote

from cleanco import basename
from pytickersymbols import PyTickerSymbols
from wordfreq import zipf_frequency

sys.path.insert(0, str(Path(__file__).resolve().parent))

from toml_text import toml_str  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "rules" / "gazetteer"
OUT = GAZ / "companies.toml"

#: a single-word form at least this frequent in English (wordfreq Zipf) is a common word or name
COMMON_ZIPF = 3.5

#: platforms, and large companies the indices do not cover: (name, aliases); correct forms only
CURATED: list[tuple[str, list[str]]] = [
    # platforms and services (owned by listed companies, named on their own in the news)
    ("YouTube", []), ("Instagram", []), ("Facebook", []), ("WhatsApp", []),
    ("Twitter", []), ("Snapchat", []), ("LinkedIn", []), ("WeChat", []),
    ("Weibo", []), ("Douyin", []), ("Telegram", []), ("Reddit", []),
    ("Wikipedia", []), ("Yahoo", ["Yahoo!"]), ("Gmail", []), ("ChatGPT", []), ("Starlink", []),
    ("Spotify", []), ("Netflix", []), ("Uber", []), ("Airbnb", []), ("PayPal", []),
    ("Truth Social", []), ("Bluesky", []), ("Rumble", []), ("Twitch", []),
    # private or unlisted companies in the news
    ("SpaceX", []), ("OpenAI", []), ("Anthropic", []), ("DeepSeek", []), ("Mistral AI", []),
    ("ByteDance", []), ("Huawei", []), ("Shein", []), ("Temu", []), ("xAI", []),
    ("Bloomberg L.P.", []), ("Cargill", []), ("Koch Industries", []), ("Wagner Group", []),
    # Korea
    ("Samsung Electronics", ["Samsung"]), ("Samsung Group", []), ("SK Hynix", []),
    ("SK Group", []), ("LG Electronics", []), ("LG Energy Solution", []), ("Hyundai Motor Company",
    ["Hyundai Motor", "Hyundai"]), ("Kia", []), ("Hanwha", []), ("Posco", ["POSCO"]),
    ("Naver", []), ("Kakao", []), ("Korean Air", []), ("Coupang", []),
    # China, Hong Kong, Taiwan
    ("Alibaba Group", ["Alibaba"]), ("Tencent", []), ("Baidu", []), ("JD.com", []),
    ("Xiaomi", []), ("BYD", []), ("CATL", ["Contemporary Amperex Technology"]), ("Lenovo", []),
    ("ZTE", []), ("Sinopec", []), ("PetroChina", []), ("CNOOC", []), ("China Mobile", []),
    ("Cosco", ["COSCO"]), ("Geely", []), ("Nio", []), ("Pinduoduo", []), ("Meituan", []),
    ("DJI", []), ("SMIC", []), ("TSMC", ["Taiwan Semiconductor Manufacturing Company"]),
    ("Foxconn", ["Hon Hai"]), ("MediaTek", []), ("Cathay Pacific", []), ("HSBC", []),
    # India
    ("Reliance Industries", []), ("Tata Group", []), ("Tata Motors", []), ("Tata Steel", []),
    ("Tata Consultancy Services", ["TCS"]), ("Infosys", []), ("Wipro", []), ("Adani Group", []),
    ("Mahindra & Mahindra", []), ("Bharti Airtel", []), ("HDFC Bank", []), ("ICICI Bank", []),
    ("State Bank of India", []), ("Larsen & Toubro", []), ("Air India", []), ("IndiGo", []),
    ("Zomato", []), ("Paytm", []), ("Flipkart", []),
    # Russia, Turkey, the Gulf, Latin America, Africa
    ("Rosneft", []), ("Lukoil", []), ("Novatek", []), ("Sberbank", []), ("VTB", []),
    ("Rosatom", []), ("Rostec", []), ("Aeroflot", []), ("Yandex", []), ("Kaspersky", []),
    ("Turkish Airlines", []), ("Baykar", []), ("Aselsan", []), ("Emirates", []),
    ("Etihad Airways", ["Etihad"]), ("Qatar Airways", []), ("QatarEnergy", []), ("ADNOC", []),
    ("Saudi Aramco", ["Aramco"]), ("Sabic", ["SABIC"]), ("Petrobras", []),
    ("Pemex", []), ("YPF", []), ("Codelco", []), ("MercadoLibre", []), ("Embraer", []),
    ("Dangote Group", []), ("MTN Group", []), ("Safaricom", []), ("Ethiopian Airlines", []),
    ("Naspers", []), ("Sonatrach", []),
]

#: Wikipedia titles begin with a capital: a brand that begins with a small letter, as its owner and
#: the press write it (found by the trap articles: "easyJet" was made "EasyJet")
CASING = {"EasyJet": "easyJet", "EBay": "eBay", "EPlus": "ePlus"}


def wikipedia_title(url: str) -> str | None:
    """The article title of an English Wikipedia address, as English text spells the name."""
    if "en.wikipedia.org/wiki/" not in url:
        return None
    title = unquote(url.split("/wiki/", 1)[1]).replace("_", " ").strip()
    title = re.sub(r"\s*\([^)]*\)$", "", title)  # "Kone (company)"
    return CASING.get(title, title) or None


def is_common_word(form: str) -> bool:
    """One word (no digit, no inner capital, no '&') that is frequent English: a word, not a brand."""
    if " " in form or re.search(r"[\d&]|.[A-Z]", form):
        return False
    return zipf_frequency(form.lower(), "en") >= COMMON_ZIPF


def claimed_forms() -> set[str]:
    """Every form (name, alias, misspelling; case-folded) the other bundled gazetteer files hold."""
    forms: set[str] = set()
    for path in sorted(GAZ.glob("*.toml")):
        if path == OUT:
            continue
        for ent in tomllib.loads(path.read_text(encoding="utf-8")).get("entity", []):
            for form in [ent["name"], *ent.get("aliases", []), *ent.get("misspellings", [])]:
                forms.add(form.casefold())
    return forms


def index_companies() -> list[tuple[str, list[str], str]]:
    """(name, aliases, source) for each listed company with an English Wikipedia article."""
    out: dict[str, tuple[str, list[str], str]] = {}
    for stock in sorted(PyTickerSymbols().get_all_stocks(), key=lambda s: s["name"]):
        title = wikipedia_title((stock.get("metadata") or {}).get("wikipedia_url") or "")
        if title is None or title in out:
            continue
        short = basename(title).strip(" ,.")
        aliases = [short] if short and short != title and len(short) > 2 else []
        out[title] = (title, aliases, "index")
    return list(out.values())


def build(verbose: bool = False) -> list[tuple[str, list[str], str]]:
    taken = claimed_forms()
    kept: list[tuple[str, list[str], str]] = []
    for name, aliases, source in [(n, a, "curated") for n, a in CURATED] + index_companies():
        forms = [f for f in [name, *aliases]
                 if f.casefold() not in taken and (source == "curated" or not is_common_word(f))]
        if name not in forms:
            if verbose:
                print(f"skip: {name!r} ({source})", file=sys.stderr)
            continue
        taken.update(f.casefold() for f in forms)
        kept.append((name, forms[1:], source))
    return kept


def render(entities: list[tuple[str, list[str], str]]) -> str:
    versions = {p: importlib.metadata.version(p) for p in ("pytickersymbols", "cleanco", "wordfreq")}
    parts = [f"""\
# GENERATED FILE - DO NOT EDIT BY HAND. Generated by scripts/build_companies.py; to change it edit
# the tables in that script and re-run it.
#
# Sources (build time only; cleaner does not import them):
#   pytickersymbols {versions['pytickersymbols']} (MIT, Copyright Slash Gordon): the constituents of twenty stock
#     indices with each company's English Wikipedia address; names are the Wikipedia titles.
#   cleanco {versions['cleanco']} (MIT): the legal form stripped for the short alias.
#   wordfreq {versions['wordfreq']} (MIT code; data CC BY-SA 4.0): a common English word is left out.
#   The curated platforms and companies are listed in the script.
"""]
    section = None
    for name, aliases, source in entities:
        if source != section:
            section = source
            parts.append({"curated": "\n# --- Platforms, and companies the indices do not cover (curated) ---\n",
                          "index": "\n# --- Companies in twenty stock indices (pytickersymbols) ---\n"}[source])
        parts.append(f'\n[[entity]]\nname = {toml_str(name)}\nkind = "organization"\n')
        if aliases:
            parts.append("aliases = [" + ", ".join(toml_str(a) for a in aliases) + "]\n")
    return "".join(parts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if the output is stale")
    ap.add_argument("-v", "--verbose", action="store_true", help="list what was left out")
    args = ap.parse_args()
    entities = build(args.verbose)
    text = render(entities)
    tomllib.loads(text)
    summary = f"{len(entities)} entities ({sum(s == 'curated' for *_, s in entities)} curated)"
    if args.check:
        if (OUT.read_text(encoding="utf-8") if OUT.exists() else "") != text:
            print(f"{OUT} is stale; run scripts/build_companies.py", file=sys.stderr)
            return 1
        print(f"{OUT.relative_to(ROOT)} up to date: {summary}")
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
