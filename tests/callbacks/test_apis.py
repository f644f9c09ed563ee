"""Telephony APIs through requests, against faithful fakes on 127.0.0.1: auth, paging, filters,
rate limits and server errors retried with backoff."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from audit.callbacks.apis import fetch_twilio, fetch_zadarma, session, zadarma_signature
from audit.callbacks.readers import ShopperLine
from audit.errors import AuditError
from audit.sim.telephony import FakeTwilio, FakeZadarma, twilio_call

LINE = ShopperLine("+79120001122")
QUICK = dict(http=session(retries=3, backoff=0.05))


def twilio_calls(n: int) -> list[dict]:
    start = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)
    calls = [twilio_call(f"CA{i:032d}", "+73452505050", "+79120001122", start + timedelta(minutes=i),
                         status="completed" if i % 3 else "no-answer") for i in range(n)]
    calls.append(twilio_call("CA" + "f" * 32, "+73452505050", "+79995550000", start))  # to somebody else
    return calls


def test_twilio_pages_filters_and_survives_a_429():
    with FakeTwilio(twilio_calls(7)) as fake:
        read = fetch_twilio(fake.sid, fake.token, LINE, since="2026-11-01", base_url=fake.base_url, page_size=3,
                            **QUICK)
    assert len(read.legs) == 7 and read.rows_read == 7
    assert [leg.answered for leg in read.legs[:3]] == [False, True, True]
    assert read.legs[1].started_at == "2026-11-20T05:01:00Z" and read.legs[1].caller == "+73452505050"
    assert sum("Page=" in r for r in fake.requests) == 2  # three pages: the first, then two next_page_uri
    assert len(fake.requests) == 4  # one 429, retried after Retry-After


def test_twilio_wrong_token_is_a_clear_error():
    with FakeTwilio(twilio_calls(1), throttle_first=False) as fake, pytest.raises(AuditError) as err:
        fetch_twilio(fake.sid, "wrong", LINE, base_url=fake.base_url, **QUICK)
    assert "Twilio refused the credentials (HTTP 401)" in str(err.value)


def zadarma_stats(n: int) -> list[dict]:
    rows = []
    for i in range(n):
        call = f"17636{i:05d}.{i}"
        rows.append({"call_id": call, "sip": "100", "callstart": f"2026-11-20 10:{i % 60:02d}:00",
                     "clid": '"+73452505050" <+73452505050>', "destination": "100" if i % 4 else "200",
                     "disposition": "answered" if i % 2 else "no answer", "seconds": 30 * (i % 2),
                     "is_recorded": "false", "pbx_call_id": f"in_{i // 2}"})
    return rows


def test_zadarma_signature_paging_and_a_503():
    with FakeZadarma(zadarma_stats(9)) as fake:
        read = fetch_zadarma(fake.key, fake.secret, ShopperLine("100"), "2026-11-20 00:00:00", "2026-11-20 23:59:59",
                             "Europe/Moscow", base_url=fake.base_url, limit=4, **QUICK)
    assert read.rows_read == 9 and read.skipped == {"not to the shopper's line": 3}
    assert read.legs[0].started_at == "2026-11-20T07:01:00Z" and read.legs[0].answered
    assert len(fake.requests) == 4  # a 503 retried, then three pages of 4, 4, 1


def test_zadarma_bad_secret_is_refused():
    with FakeZadarma(zadarma_stats(1), fail_first=False) as fake, pytest.raises(AuditError, match="HTTP 401"):
        fetch_zadarma(fake.key, "wrong", LINE, "2026-11-20 00:00:00", "2026-11-21 00:00:00", "Europe/Moscow",
                      base_url=fake.base_url, **QUICK)


def test_zadarma_signature_is_base64_of_hex_hmac():
    params = {"start": "2026-11-20 00:00:00", "format": "json"}
    # sorted query 'format=json&start=2026-11-20+00%3A00%3A00', md5 of it appended, HMAC-SHA1 hex, base64
    import base64
    import hashlib
    import hmac

    query = "format=json&start=2026-11-20+00%3A00%3A00"
    hexdigest = hmac.new(b"s", ("/v1/statistics/pbx/" + query + hashlib.md5(query.encode()).hexdigest()).encode(),
                         hashlib.sha1).hexdigest()
    assert zadarma_signature("/v1/statistics/pbx/", params, "s") == base64.b64encode(hexdigest.encode()).decode()
