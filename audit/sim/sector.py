"""A fictional sector of regional ISPs whose registry looks like the lists analysts really hold."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from audit.registry.validate import suggest_slug

# Region, its time zone, an area code and how phone numbers are written there.
REGIONS = (
    ("Тюменская обл.", "Asia/Yekaterinburg", "+7 3452 {a}-{b}-{c}"),
    ("Свердловская обл.", "Asia/Yekaterinburg", "8 (343) 3{a}-{b}-{c}"),
    ("Новосибирская обл.", "Asia/Novosibirsk", "8 (383) 2{a}-{b}-{c}"),
    ("Краснодарский край", "Europe/Moscow", "8 (861) 2{a}-{b}-{c}"),
    ("Омская обл.", "Asia/Omsk", "8 (3812) {a}-{b}-{c}"),
    ("Пермский край", "Asia/Yekaterinburg", "+7 (342) 2{a}-{b}-{c}"),
    ("Київська обл.", "Europe/Kyiv", "+380 44 2{a} {b} {c}"),
    ("Алматы", "Asia/Almaty", "+7 727 3{a} {b} {c}"),
)
_FIRST = ("Линк", "Нет", "Теле", "Инфо", "Сиб", "Урал", "Вест", "Альфа", "Гига", "Мега", "Стрим",
          "Оптик", "Дом", "Гор", "Кабель", "Сфера", "Орион", "Луч", "Волна", "Кедр")
_SECOND = ("-Телеком", "Сеть", "Лайн", "Нет", "Ком", "Связь", "-Онлайн", "Линк", "-Инфо", "Тел")
HOURS = ("Пн-Пт 9:00-18:00, Сб 10:00-16:00", "круглосуточно", "ежедневно 8:00-22:00",
         "Пн-Пт 8:00-20:00, Сб-Вс 10:00-17:00", "Пн-Сб 9-19", "Пн-Пт 9:00-18:00, обед 13-14")


@dataclass(frozen=True)
class FictionalIsp:
    """One fictional ISP of the synthetic sector."""

    slug: str
    name: str
    region: str
    timezone: str
    phones: str
    subscribers: int
    arpu: int
    working_hours: str


def make_sector(n: int, seed: int) -> list[FictionalIsp]:
    """Make ``n`` fictional ISPs, the same for the same seed.

    Args:
        n: how many.
        seed: the random seed.
    """
    rng = np.random.default_rng(seed)
    isps: list[FictionalIsp] = []
    used: set[str] = set()
    while len(isps) < n:
        name = str(rng.choice(_FIRST)) + str(rng.choice(_SECOND))
        slug = suggest_slug(name)
        if slug in used:
            name, slug = f"{name} {len(isps) + 1}", f"{slug}-{len(isps) + 1}"
        used.add(slug)
        region, zone, pattern = REGIONS[int(rng.integers(len(REGIONS)))]
        digits = rng.integers(10, 99, size=3)
        phone = pattern.format(a=digits[0], b=digits[1], c=digits[2])
        isps.append(FictionalIsp(slug, name, region, zone, phone,
                                 int(np.exp(rng.normal(8.4, 1.1))), int(rng.integers(45, 95)) * 10,
                                 str(rng.choice(HOURS))))
    return isps


def write_registry_csv(isps: list[FictionalIsp], websites: dict[str, str], path: Path) -> Path:
    """Write the sector's registry as a Russian Excel user would: cp1251, ``;``, Russian notes.

    Args:
        isps: the ISPs.
        websites: slug → website address.
        path: the CSV file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="cp1251", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["slug", "name", "website", "region", "phones", "subscribers", "arpu",
                         "working_hours", "notes", "source"])
        for isp in isps:
            writer.writerow([isp.slug, isp.name, websites[isp.slug], isp.region, isp.phones,
                             isp.subscribers, isp.arpu, isp.working_hours, "вымышленный провайдер",
                             "демо"])
    return path
