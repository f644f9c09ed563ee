"""Phone numbers, website addresses and time zones as registries hold them."""

from __future__ import annotations

import pytest

from audit.phones import parse_phones, to_e164
from audit.timezones import is_timezone, zone_for_region
from audit.urls import UrlError, clean_url, site_key


@pytest.mark.parametrize("text, numbers", [
    ("8 (3452) 12-34-56, 8-800-100-20-30 доб. 5; +7 912 000 11 22",
     ("+73452123456", "+78001002030", "+79120001122")),
    ("8(495)1234567/8(495)7654321", ("+74951234567", "+74957654321")),
    ("79121234567", ("+79121234567",)),
    ("+380 44 123 4567", ("+380441234567",)),
    ("8 (7272) 50-50-50", ("+77272505050",)),
    ("+7 912 000 11 22, 8 912 000-11-22", ("+79120001122",)),
])
def test_parse_phones(text, numbers):
    parsed = parse_phones(text)
    assert parsed.numbers == numbers
    assert parsed.unreadable == ()


def test_unreadable_phone_is_reported():
    assert parse_phones("+7 912 000 11 22, 12-34-56").unreadable == ("12-34-56",)


def test_ukrainian_default_region():
    assert parse_phones("044 123 4567", "UA").numbers == ("+380441234567",)


@pytest.mark.parametrize("raw, e164", [("89120001122", "+79120001122"), ("79120001122", "+79120001122"),
                                       ("+79120001122", "+79120001122"), ("81037255512345", "+37255512345"),
                                       ("anonymous", None), ("", None)])
def test_to_e164(raw, e164):
    assert to_e164(raw) == e164


@pytest.mark.parametrize("raw, url, fixes", [
    ("https://isp.ru", "https://isp.ru", ()),
    ("isp.ru", "http://isp.ru", ("added 'http://'",)),
    (" http://isp .ru ", "http://isp.ru", ("removed spaces inside the address",)),
    ("http://https://isp.ru", "https://isp.ru", ("removed a doubled 'http://'",)),
    ("https://провайдер.рф/", "https://провайдер.рф/", ()),
    ("http://xn--80ak6aa92e.com", "http://xn--80ak6aa92e.com", ()),
    ("http://127.0.0.2:8001/", "http://127.0.0.2:8001/", ()),
])
def test_clean_url(raw, url, fixes):
    cleaned = clean_url(raw)
    assert (cleaned.url, cleaned.fixes) == (url, fixes)


@pytest.mark.parametrize("raw", ["http://a.ruhttp://b.ru", "https://a.ru/https://b.ru", "ftp://a.ru",
                                 "http://isp", "mailto:x@a.ru", "http://-bad-.ru", ""])
def test_clean_url_refuses(raw):
    with pytest.raises(UrlError):
        clean_url(raw)


def test_site_key_ignores_scheme_www_and_slash():
    assert site_key("https://www.ISP.ru/") == site_key("http://isp.ru")


@pytest.mark.parametrize("region, zone", [
    ("Тюменская обл.", "Asia/Yekaterinburg"), ("г. Москва", "Europe/Moscow"),
    ("Кемеровская область - Кузбасс", "Asia/Novokuznetsk"), ("Алматы", "Asia/Almaty"),
    ("Омская область", "Asia/Omsk"), ("Приморский край", "Asia/Vladivostok"),
    ("Республика Саха (Якутия)", None), ("", None), ("Атлантида", None),
])
def test_zone_for_region(region, zone):
    assert zone_for_region(region) == zone


def test_kyiv_zone_is_known():
    assert is_timezone(zone_for_region("Київська область"))
