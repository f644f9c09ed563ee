"""Call-log file readers: Asterisk cdr_csv, any CSV through a column mapping (cdr_custom and others),
FreeSWITCH mod_cdr_csv, and Android "SMS Backup & Restore" call XML. Each returns legs in UTC."""

from __future__ import annotations

import csv
import hashlib
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from audit.callbacks.model import Leg, ReadResult
from audit.errors import InputError, Problem
from audit.phones import to_e164
from audit.timezones import is_timezone

ASTERISK_COLUMNS = ["accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp", "lastdata",
                    "start", "answer", "end", "duration", "billsec", "disposition", "amaflags"]
ASTERISK_EXTRA = {17: ["uniqueid"], 18: ["uniqueid", "userfield"],
                  21: ["uniqueid", "userfield", "peeraccount", "linkedid", "sequence"]}
FREESWITCH_COLUMNS = ["caller_id_name", "caller_id_number", "destination_number", "context", "start_stamp",
                      "answer_stamp", "end_stamp", "duration", "billsec", "hangup_cause", "uuid", "bleg_uuid",
                      "accountcode", "read_codec", "write_codec"]
ANDROID_TYPES = {1: ("inbound", True, "incoming"), 2: ("outbound", True, "outgoing"), 3: ("inbound", False, "missed"),
                 4: ("inbound", False, "voicemail"), 5: ("inbound", False, "rejected"),
                 6: ("inbound", False, "blocked"), 7: ("inbound", True, "answered on another device")}
_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M",
                 "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M")


class ShopperLine:
    """The shopper's receiving line: a phone number (compared in E.164) or a PBX extension."""

    def __init__(self, number: str, region: str = "RU"):
        self.raw = number.strip()
        self.region = region
        self.e164 = to_e164(self.raw, region)

    def matches(self, value: str | None) -> bool:
        """Whether a logged destination is this line."""
        if not value:
            return False
        value = value.strip()
        return value == self.raw or (self.e164 is not None and to_e164(value, self.region) == self.e164)


def local_to_utc(text: str, zone: str | None) -> str:
    """Parse a logged local time (several formats, seconds optional) and convert it to UTC ISO with ``Z``.

    Raises:
        ValueError: the text is not a time in a known format.
    """
    text = text.strip()
    for fmt in _TIME_FORMATS:
        try:
            moment = datetime.strptime(text, fmt)
            break
        except ValueError:
            continue
    else:
        raise ValueError(text)
    moment = moment.replace(tzinfo=ZoneInfo(zone) if zone else UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _decode_lines(data: bytes) -> list[str]:
    """Split bytes into lines, each decoded as UTF-8 or, failing that, cp1251 (never failing)."""
    out = []
    for raw in data.splitlines():
        try:
            out.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(raw.decode("cp1251", errors="replace"))
    return out


def _need_zone(file: str, zone: str | None, what: str) -> None:
    if zone is None:
        raise InputError([Problem(file, None, None, f"{what} times are the PBX's local time: give its zone with "
                                                    "--tz (e.g. Europe/Moscow), or --tz UTC if it logs in UTC")])
    if not is_timezone(zone):
        raise InputError([Problem(file, None, None, f"'{zone}' is not an IANA time zone (e.g. Europe/Moscow)")])


def _number_from_clid(clid: str) -> str:
    match = re.search(r"<([^>]*)>", clid or "")
    return match.group(1) if match else (clid or "")


def read_asterisk(path: str | Path, line: ShopperLine, zone: str | None) -> ReadResult:
    """Read an Asterisk ``cdr_csv`` Master.csv (no header; 16, 17, 18 or 21 columns).

    Legs of one call (ring group, queue) share ``linkedid`` (21 columns) or ``uniqueid``; with 16
    columns, legs with the same caller and start time are taken as one call.

    Args:
        path: the file.
        line: the shopper's number or extension; rows to other destinations are skipped (counted).
        zone: the PBX's time zone (required: Asterisk logs local time unless ``usegmtime``).
    """
    file = str(path)
    _need_zone(file, zone, "Asterisk")
    text_lines = _decode_lines(_read(file))
    result = ReadResult()
    for number, row in enumerate(csv.reader(text_lines), start=1):
        if not row or not any(row):
            continue
        result.rows_read += 1
        if number == 1 and [c.lower() for c in row[:3]] in (["accountcode", "src", "dst"], ["clid", "src", "dst"]):
            raise InputError([Problem(file, 1, None, "this file has a header row; Asterisk's Master.csv has none. "
                                                     "Use --format csv with a --mapping file for it")])
        if len(row) not in (16, 17, 18, 21):
            result.skip(f"wrong number of columns ({len(row)}; Master.csv has 16, 17, 18 or 21)")
            continue
        rec = dict(zip(ASTERISK_COLUMNS + ASTERISK_EXTRA.get(len(row), []), row, strict=True))
        if not line.matches(rec["dst"]):
            result.skip("not to the shopper's line")
            continue
        try:
            started = local_to_utc(rec["start"], zone)
        except ValueError:
            result.skip("unreadable start time")
            continue
        caller = to_e164(rec["src"] or _number_from_clid(rec["clid"]))
        call_key = rec.get("linkedid") or rec.get("uniqueid") or f"{caller}|{rec['start']}"
        leg_key = hashlib.sha1("\x1f".join(row).encode("utf-8", "replace")).hexdigest()
        answered = rec["disposition"].strip().upper() == "ANSWERED" and _int(rec["billsec"]) > 0
        result.legs.append(Leg(leg_key, call_key, "inbound", caller, rec["dst"], started, answered,
                               _int(rec["billsec"]), rec["disposition"], rec, zone))
    _nothing_read(file, result, "an Asterisk Master.csv")
    return result


def read_freeswitch(path: str | Path, line: ShopperLine, zone: str | None) -> ReadResult:
    """Read a FreeSWITCH ``mod_cdr_csv`` file in the default "example" template (no header).

    Files re-saved by a spreadsheet (no quotes, ``2020/2/10 22:41``) are read too. A uuid repeated with
    two hangup causes is one call. Answered means ``billsec`` > 0 (``NORMAL_CLEARING`` alone is not).
    """
    file = str(path)
    _need_zone(file, zone, "FreeSWITCH")
    result = ReadResult()
    for number, row in enumerate(csv.reader(_decode_lines(_read(file))), start=1):
        if not row or not any(row):
            continue
        result.rows_read += 1
        if number == 1 and row[0].lower() == "caller_id_name":
            continue  # a header someone added
        if len(row) < 11:
            result.skip(f"too few columns ({len(row)}; the template has 15)")
            continue
        rec = dict(zip(FREESWITCH_COLUMNS, row + [""] * (15 - len(row)), strict=False))
        if not line.matches(rec["destination_number"]):
            result.skip("not to the shopper's line")
            continue
        try:
            started = local_to_utc(_spreadsheet_time(rec["start_stamp"]), zone)
        except ValueError:
            result.skip("unreadable start time")
            continue
        leg_key = f"{rec['uuid']}|{rec['hangup_cause']}"
        result.legs.append(Leg(leg_key, rec["uuid"] or leg_key, "inbound", to_e164(rec["caller_id_number"]),
                               rec["destination_number"], started, _int(rec["billsec"]) > 0, _int(rec["billsec"]),
                               rec["hangup_cause"], rec, zone))
    _nothing_read(file, result, "a FreeSWITCH CSV")
    return result


def _spreadsheet_time(text: str) -> str:
    """``2020/2/10 22:41`` → ``2020/02/10 22:41`` (a spreadsheet drops zero padding and seconds)."""
    match = re.match(r"^(\d{4})[/-](\d{1,2})[/-](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$", text.strip())
    if not match:
        return text
    y, mo, d, h, mi, s = match.groups()
    return f"{y}-{int(mo):02d}-{int(d):02d} {int(h):02d}:{mi}:{s or '00'}"


def read_android(path: str | Path, line: ShopperLine) -> ReadResult:
    """Read an Android "SMS Backup & Restore" ``calls-*.xml``.

    ``date`` is epoch milliseconds (UTC); ``readable_date`` is ignored. Types: 1 incoming, 2 outgoing,
    3 missed, 4 voicemail, 5 rejected, 6 blocked, 7 answered elsewhere; a missed, rejected or blocked
    call from the ISP still counts as the ISP calling. Unknown types are skipped and counted. Overlapping
    backups repeat calls: they share (number, date) and are stored once.
    """
    file = str(path)
    data = _read(file)
    if not data.strip():
        raise InputError([Problem(file, None, None, "the file is empty")])
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError([Problem(file, exc.position[0], None, f"not a readable XML call backup ({exc})")]) from exc
    if root.tag != "calls":
        raise InputError([Problem(file, None, None, f"expected a <calls> backup, found <{root.tag}>")])
    result = ReadResult()
    for call in root.iter("call"):
        result.rows_read += 1
        attrs = dict(call.attrib)
        try:
            kind = ANDROID_TYPES.get(int(attrs.get("type", "")))
            epoch_ms = int(attrs["date"])
        except (ValueError, KeyError):
            result.skip("missing or unreadable type or date")
            continue
        if kind is None:
            result.skip(f"unknown call type code {attrs.get('type')}")
            continue
        direction, answered, label = kind
        started = datetime.fromtimestamp(epoch_ms / 1000, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        number = attrs.get("number", "")
        other = to_e164(number)
        key = f"{number}|{epoch_ms}"
        caller, callee = (other, line.raw) if direction == "inbound" else (line.raw, other)
        result.legs.append(Leg(key, key, direction, caller, callee, started, answered, _int(attrs.get("duration")),
                               label, attrs, None))
    _nothing_read(file, result, "an Android call backup")
    return result


def load_mapping(path: str | Path) -> dict:
    """Read a CSV column mapping (YAML)::

        header: false                      # does the file have a header row?
        columns: [clid, src, dst, ...]     # names in order, when it has none (cdr_custom)
        caller: src                        # required: the calling number column
        callee: dst                        # the called number (rows to other lines are skipped)
        started_at: start                  # required: when it rang
        answered: disposition              # optional: answered when the value is in answered_values
        answered_values: [ANSWERED]
        duration_s: billsec                # optional
        call_key: uniqueid                 # optional: legs of one call share it
        delimiter: ","                     # optional
    """
    path = Path(path)
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError([Problem(str(path), None, None, f"cannot read the mapping: {exc}")]) from exc
    missing = [k for k in ("caller", "started_at") if not spec.get(k)]
    if missing:
        raise InputError([Problem(str(path), None, k, "required in a mapping (the column's name)") for k in missing])
    if not spec.get("header", True) and not spec.get("columns"):
        raise InputError([Problem(str(path), None, "columns", "a file without a header needs the column names")])
    return spec


def read_mapped_csv(path: str | Path, line: ShopperLine, zone: str | None, mapping: dict) -> ReadResult:
    """Read any CSV call log through a column mapping (see :func:`load_mapping`)."""
    file = str(path)
    _need_zone(file, zone, "CSV call-log")
    lines = _decode_lines(_read(file))
    reader = csv.reader(lines, delimiter=mapping.get("delimiter", ","))
    rows = [r for r in reader if r and any(r)]
    if mapping.get("header", True):
        if not rows:
            raise InputError([Problem(file, None, None, "the file is empty")])
        columns, rows = [c.strip() for c in rows[0]], rows[1:]
    else:
        columns = list(mapping["columns"])
    wanted = [mapping[k] for k in ("caller", "callee", "started_at", "answered", "duration_s", "call_key")
              if mapping.get(k)]
    absent = [c for c in wanted if c not in columns]
    if absent:
        raise InputError([Problem(file, 1, c, f"the mapping names this column but the file has only: "
                                              f"{', '.join(columns)}") for c in absent])
    answered_values = {str(v).upper() for v in mapping.get("answered_values", ["ANSWERED"])}
    result = ReadResult()
    for row in rows:
        result.rows_read += 1
        if len(row) != len(columns):
            result.skip(f"wrong number of columns ({len(row)} instead of {len(columns)})")
            continue
        rec = dict(zip(columns, row, strict=True))
        if mapping.get("callee") and not line.matches(rec[mapping["callee"]]):
            result.skip("not to the shopper's line")
            continue
        try:
            started = local_to_utc(_spreadsheet_time(rec[mapping["started_at"]]), zone)
        except ValueError:
            result.skip("unreadable start time")
            continue
        duration = _int(rec.get(mapping.get("duration_s", ""), ""))
        if mapping.get("answered"):
            answered = rec[mapping["answered"]].strip().upper() in answered_values
        else:
            answered = duration > 0
        leg_key = hashlib.sha1("\x1f".join(row).encode("utf-8", "replace")).hexdigest()
        caller = to_e164(_number_from_clid(rec[mapping["caller"]]) if "<" in rec[mapping["caller"]]
                         else rec[mapping["caller"]])
        call_key = rec.get(mapping.get("call_key", ""), "") or f"{caller}|{started}"
        result.legs.append(Leg(leg_key, call_key, "inbound", caller, rec.get(mapping.get("callee", ""), line.raw),
                               started, answered, duration, rec.get(mapping.get("answered", ""), ""), rec, zone))
    _nothing_read(file, result, "this CSV")
    return result


def _read(file: str) -> bytes:
    try:
        return Path(file).read_bytes()
    except FileNotFoundError as exc:
        raise InputError([Problem(file, None, None, "file not found")]) from exc


def _int(text: str | None) -> int:
    try:
        return int(float(text or 0))
    except ValueError:
        return 0


def _nothing_read(file: str, result: ReadResult, what: str) -> None:
    if result.rows_read == 0:
        raise InputError([Problem(file, None, None, f"the file is empty; expected {what}")])
    if not result.legs and set(result.skipped) - {"not to the shopper's line"}:
        reasons = "; ".join(f"{n} × {r}" for r, n in result.skipped.items())
        raise InputError([Problem(file, None, None, f"no row could be read as {what} ({reasons})")])
