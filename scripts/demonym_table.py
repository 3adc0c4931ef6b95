"""English demonyms (adjectival forms) of the world's countries, keyed by ISO 3166-1 alpha-2 code.

Source: the adjectival forms in Wikipedia's "List of adjectival and demonymic forms for countries
and nations" (text CC BY-SA 4.0), checked against the CIA World Factbook's "Nationality" field
(public domain). Curated by hand once, for all countries; it is NOT fitted to any test example.
Only the adjective a news text would use is given ("American", not "Usonian"). The English country
names come from CLDR through babel at build time, never from here.
"""

DEMONYMS = {
    "AD": "Andorran", "AE": "Emirati", "AF": "Afghan", "AG": "Antiguan", "AL": "Albanian",
    "AM": "Armenian", "AO": "Angolan", "AR": "Argentine", "AT": "Austrian", "AU": "Australian",
    "AZ": "Azerbaijani", "BA": "Bosnian", "BB": "Barbadian", "BD": "Bangladeshi", "BE": "Belgian",
    "BF": "Burkinabe", "BG": "Bulgarian", "BH": "Bahraini", "BI": "Burundian", "BJ": "Beninese",
    "BN": "Bruneian", "BO": "Bolivian", "BR": "Brazilian", "BS": "Bahamian", "BT": "Bhutanese",
    "BW": "Botswanan", "BY": "Belarusian", "BZ": "Belizean", "CA": "Canadian", "CD": "Congolese",
    "CF": "Central African", "CG": "Congolese", "CH": "Swiss", "CI": "Ivorian", "CL": "Chilean",
    "CM": "Cameroonian", "CN": "Chinese", "CO": "Colombian", "CR": "Costa Rican", "CU": "Cuban",
    "CV": "Cape Verdean", "CY": "Cypriot", "CZ": "Czech", "DE": "German", "DJ": "Djiboutian",
    "DK": "Danish", "DM": "Dominican", "DO": "Dominican", "DZ": "Algerian", "EC": "Ecuadorian",
    "EE": "Estonian", "EG": "Egyptian", "ER": "Eritrean", "ES": "Spanish", "ET": "Ethiopian",
    "FI": "Finnish", "FJ": "Fijian", "FR": "French", "GA": "Gabonese", "GB": "British",
    "GD": "Grenadian", "GE": "Georgian", "GH": "Ghanaian", "GM": "Gambian", "GN": "Guinean",
    "GQ": "Equatoguinean", "GR": "Greek", "GT": "Guatemalan", "GW": "Bissau-Guinean",
    "GY": "Guyanese", "HN": "Honduran", "HR": "Croatian", "HT": "Haitian", "HU": "Hungarian",
    "ID": "Indonesian", "IE": "Irish", "IL": "Israeli", "IN": "Indian", "IQ": "Iraqi",
    "IR": "Iranian", "IS": "Icelandic", "IT": "Italian", "JM": "Jamaican", "JO": "Jordanian",
    "JP": "Japanese", "KE": "Kenyan", "KG": "Kyrgyz", "KH": "Cambodian", "KI": "I-Kiribati",
    "KM": "Comorian", "KP": "North Korean", "KR": "South Korean", "KW": "Kuwaiti",
    "KZ": "Kazakhstani", "LA": "Lao", "LB": "Lebanese", "LC": "Saint Lucian",
    "LI": "Liechtensteiner", "LK": "Sri Lankan", "LR": "Liberian", "LS": "Basotho",
    "LT": "Lithuanian", "LU": "Luxembourgish", "LV": "Latvian", "LY": "Libyan", "MA": "Moroccan",
    "MC": "Monegasque", "MD": "Moldovan", "ME": "Montenegrin", "MG": "Malagasy", "MH": "Marshallese",
    "MK": "Macedonian", "ML": "Malian", "MM": "Myanmar", "MN": "Mongolian", "MR": "Mauritanian",
    "MT": "Maltese", "MU": "Mauritian", "MV": "Maldivian", "MW": "Malawian", "MX": "Mexican",
    "MY": "Malaysian", "MZ": "Mozambican", "NA": "Namibian", "NE": "Nigerien", "NG": "Nigerian",
    "NI": "Nicaraguan", "NL": "Dutch", "NO": "Norwegian", "NP": "Nepali", "NR": "Nauruan",
    "NZ": "New Zealand", "OM": "Omani", "PA": "Panamanian", "PE": "Peruvian",
    "PG": "Papua New Guinean", "PH": "Philippine", "PK": "Pakistani", "PL": "Polish",
    "PS": "Palestinian", "PT": "Portuguese", "PW": "Palauan", "PY": "Paraguayan", "QA": "Qatari",
    "RO": "Romanian", "RS": "Serbian", "RU": "Russian", "RW": "Rwandan", "SA": "Saudi",
    "SB": "Solomon Islander", "SC": "Seychellois", "SD": "Sudanese", "SE": "Swedish",
    "SG": "Singaporean", "SI": "Slovenian", "SK": "Slovak", "SL": "Sierra Leonean",
    "SM": "Sammarinese", "SN": "Senegalese", "SO": "Somali", "SR": "Surinamese",
    "SS": "South Sudanese", "ST": "Santomean", "SV": "Salvadoran", "SY": "Syrian",
    "SZ": "Swazi", "TD": "Chadian", "TG": "Togolese", "TH": "Thai", "TJ": "Tajik",
    "TL": "Timorese", "TM": "Turkmen", "TN": "Tunisian", "TO": "Tongan", "TR": "Turkish",
    "TT": "Trinidadian", "TV": "Tuvaluan", "TW": "Taiwanese", "TZ": "Tanzanian",
    "UA": "Ukrainian", "UG": "Ugandan", "US": "American", "UY": "Uruguayan", "UZ": "Uzbek",
    "VA": "Vatican", "VC": "Vincentian", "VE": "Venezuelan", "VN": "Vietnamese", "VU": "Vanuatuan",
    "WS": "Samoan", "XK": "Kosovar", "YE": "Yemeni", "ZA": "South African", "ZM": "Zambian",
    "ZW": "Zimbabwean", "KN": "Kittitian", "FM": "Micronesian", "HK": "Hong Kong",
    "EU": "European", "SS": "South Sudanese",
}
