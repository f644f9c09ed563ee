"""Time zones: validating IANA names and deriving a zone from a region where only one is possible.

Regions spanning several zones (Yakutia, for one) are deliberately absent: the user must say which.
"""

from __future__ import annotations

import re
import zoneinfo
from functools import lru_cache

_RU = {
    "Europe/Kaliningrad": ["калининград"],
    "Europe/Moscow": [
        "москва", "московская", "санкт-петербург", "спб", "петербург", "ленинградская", "белгородская",
        "брянская", "владимирская", "воронежская", "ивановская", "калужская", "костромская", "курская",
        "липецкая", "орловская", "рязанская", "смоленская", "тамбовская", "тверская", "тульская",
        "ярославская", "архангельская", "вологодская", "мурманская", "новгородская", "псковская",
        "карелия", "коми", "ненецкий", "нижегородская", "марий эл", "мордовия", "чувашия", "чувашская",
        "татарстан", "казань", "пензенская", "ростовская", "краснодарский", "краснодар", "адыгея",
        "калмыкия", "дагестан", "ингушетия", "кабардино-балкарская", "кабардино-балкария",
        "карачаево-черкесская", "карачаево-черкесия", "северная осетия", "чеченская", "чечня",
        "ставропольский", "волгоградская", "нижний новгород", "воронеж", "ростов-на-дону",
    ],
    "Europe/Kirov": ["кировская"],
    "Europe/Samara": ["самарская", "самара", "удмуртия", "удмуртская", "ижевск"],
    "Europe/Ulyanovsk": ["ульяновская"],
    "Europe/Saratov": ["саратовская"],
    "Europe/Astrakhan": ["астраханская"],
    "Asia/Yekaterinburg": [
        "свердловская", "екатеринбург", "челябинская", "челябинск", "курганская", "тюменская",
        "тюмень", "ханты-мансийский", "хмао", "ямало-ненецкий", "янао", "оренбургская", "пермский",
        "пермь", "башкортостан", "башкирия", "уфа",
    ],
    "Asia/Omsk": ["омская", "омск"],
    "Asia/Novosibirsk": ["новосибирская", "новосибирск"],
    "Asia/Barnaul": ["алтайский", "республика алтай", "барнаул"],
    "Asia/Tomsk": ["томская", "томск"],
    "Asia/Novokuznetsk": ["кемеровская", "кузбасс", "кемерово", "новокузнецк"],
    "Asia/Krasnoyarsk": ["красноярский", "красноярск", "хакасия", "тыва", "тува"],
    "Asia/Irkutsk": ["иркутская", "иркутск", "бурятия"],
    "Asia/Chita": ["забайкальский", "чита"],
    "Asia/Yakutsk": ["амурская", "благовещенск"],
    "Asia/Vladivostok": ["приморский", "владивосток", "хабаровский", "хабаровск", "еврейская"],
    "Asia/Magadan": ["магаданская", "магадан"],
    "Asia/Sakhalin": ["сахалинская", "сахалин"],
    "Asia/Kamchatka": ["камчатский", "камчатка"],
    "Asia/Anadyr": ["чукотский", "чукотка"],
}
_UA = [  # Ukrainian and Russian spellings of oblasts and the capital
    "україна", "украина", "київ", "киев", "київська", "киевская", "львівська", "львовская", "львів",
    "харківська", "харьковская", "харків", "одеська", "одесская", "одеса", "дніпропетровська",
    "днепропетровская", "дніпро", "вінницька", "винницкая", "волинська", "житомирська",
    "закарпатська", "запорізька", "запорожская", "івано-франківська", "кіровоградська", "миколаївська",
    "николаевская", "полтавська", "полтавская", "рівненська", "сумська", "сумская", "тернопільська",
    "херсонська", "хмельницька", "черкаська", "черкасская", "чернівецька", "чернігівська",
    "черниговская",
]
_KZ = {
    "Asia/Almaty": ["алматы", "алма-ата", "алматинская", "астана", "нур-султан", "шымкент",
                    "карагандинская", "караганда", "павлодарская", "павлодар", "восточно-казахстанская",
                    "усть-каменогорск", "жамбылская", "тараз", "туркестанская", "акмолинская",
                    "абайская", "жетысуская"],
    "Asia/Qostanay": ["костанайская", "костанай"],
    "Asia/Aqtobe": ["актюбинская", "актобе"],
    "Asia/Atyrau": ["атырауская", "атырау"],
    "Asia/Aqtau": ["мангистауская", "актау"],
    "Asia/Oral": ["западно-казахстанская", "уральск"],
    "Asia/Qyzylorda": ["кызылординская", "кызылорда"],
}
_OTHER = {"Europe/Minsk": ["беларусь", "минск", "минская", "гомельская", "брестская", "витебская",
                           "гродненская", "могилевская"]}

_SUFFIXES = re.compile(
    r"\b(область|обл|край|республика|респ|автономный округ|ао|город|г|oblast|region|облысы|"
    r"автономна|автономная)\b\.?")


def _norm(region: str) -> str:
    text = region.lower().replace("ё", "е")
    text = _SUFFIXES.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip(" .,")


@lru_cache(maxsize=1)
def _region_map() -> dict[str, str]:
    table: dict[str, str] = {}
    for groups in (_RU, _KZ, _OTHER):
        for zone, names in groups.items():
            for name in names:
                table[_norm(name)] = zone
    kyiv = "Europe/Kyiv" if is_timezone("Europe/Kyiv") else "Europe/Kiev"
    for name in _UA:
        table[_norm(name)] = kyiv
    return table


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def is_timezone(name: str) -> bool:
    """Tell whether ``name`` is an IANA zone name known to this machine's tz database."""
    return name in _zones()


def zone_for_region(region: str) -> str | None:
    """The IANA zone of a region (oblast, krai, republic or main city) when it has exactly one.

    Args:
        region: e.g. ``"Тюменская обл."``, ``"г. Москва"``, ``"Київська область"``.

    Returns:
        The zone name, or None when the region is unknown or spans several zones.
    """
    key = _norm(region or "")
    if not key:
        return None
    if key in _region_map():
        return _region_map()[key]
    first = key.split(" ")[0]
    return _region_map().get(first)
