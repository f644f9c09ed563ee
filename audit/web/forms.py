"""Judging what a page scan found: which group of fields is the lead form, what each field is for,
and which clickable element opens a form. Pure functions over the scan's plain dicts."""

from __future__ import annotations

from dataclasses import dataclass

from audit.web import lexicon as lx

TEXT_TYPES = {"text", "tel", "email", "", "number", "search", "url"}


def field_text(field: dict) -> str:
    """Everything that names a field: name, id, placeholder, aria, autocomplete, label and nearby text."""
    keys = ("name", "id", "placeholder", "aria", "autocomplete", "label", "near", "title", "cls")
    return " ".join(str(field.get(k) or "") for k in keys)


def field_role(field: dict) -> str:
    """What a field asks for: ``phone``, ``email``, ``name``, ``address``, ``comment``, ``consent``,
    ``select``, ``checkbox``, ``password``, ``search``, ``hidden`` or ``other``.

    Args:
        field: one field as the page scan describes it (tag, type, name, placeholder, label, …).
    """
    tag, kind = field.get("tag"), (field.get("type") or "").lower()
    text = field_text(field)
    if kind == "hidden":
        return "hidden"
    if kind == "password":
        return "password"
    if kind == "search" or (field.get("name") or "").lower() in ("s", "q", "search", "query"):
        return "search"
    if kind in ("checkbox", "radio"):
        return "consent" if lx.CONSENT.search(text) else "checkbox"
    if tag == "select":
        return "select"
    if kind == "email":
        return "email"
    if kind == "tel" or field.get("inputmode") == "tel" or "tel" in (field.get("autocomplete") or ""):
        return "phone"
    if lx.PHONE.search(text):
        return "phone"
    if lx.EMAIL.search(text) and not lx.NAME.search(field.get("label") or ""):
        return "email"
    if lx.NAME.search(text):
        return "name"
    if lx.ADDRESS.search(text):
        return "address"
    if tag == "textarea" or lx.COMMENT.search(text):
        return "comment"
    return "other"


@dataclass(frozen=True)
class FormVerdict:
    """How a group of fields looks as a lead form.

    Attributes:
        score: higher is more lead-like; at least :data:`LEAD_THRESHOLD` to be used.
        kind: ``lead``, ``address_step`` (an address check before the contact form), ``login``,
            ``search``, ``newsletter``, ``review`` or ``other``.
    """

    score: int
    kind: str


LEAD_THRESHOLD = 5


def judge_group(group: dict) -> FormVerdict:
    """Score one group of fields (a ``<form>`` or a container of inputs and a button).

    Args:
        group: ``fields`` (each with ``visible``), ``buttons`` (texts), ``text`` (the group's text).
    """
    visible = [f for f in group.get("fields", []) if f.get("visible") and f.get("enabled", True)]
    roles = [field_role(f) for f in visible]
    text = " ".join([group.get("text") or "", *(group.get("buttons") or [])])
    if "password" in roles or ("name" not in roles and "phone" not in roles and lx.LOGIN.search(text)
                               and len(visible) <= 3 and not lx.LEAD_CONTEXT.search(text)):
        return FormVerdict(-20, "login")
    if "search" in roles or (group.get("role") == "search"):
        return FormVerdict(-20, "search")
    if "phone" not in roles:
        if "email" in roles and len([r for r in roles if r in ("email", "name")]) == len(
                [r for r in roles if r not in ("checkbox", "consent", "hidden")]) and lx.NEWSLETTER.search(text):
            return FormVerdict(-10, "newsletter")
        if "address" in roles and lx.CHECK_ADDRESS.search(text):
            return FormVerdict(3, "address_step")
        if "email" in roles and roles.count("email") == len(roles):
            return FormVerdict(-10, "newsletter")
        return FormVerdict(0, "other")
    score = 5
    if "name" in roles:
        score += 2
    if lx.LEAD_CONTEXT.search(text):
        score += 3
    if lx.REVIEW.search(text) and "comment" in roles:
        score -= 8
        if score < LEAD_THRESHOLD:
            return FormVerdict(score, "review")
    if roles.count("comment") and "name" not in roles and lx.REVIEW.search(text):
        return FormVerdict(score - 10, "review")
    return FormVerdict(score, "lead")


def judge_trigger(element: dict) -> int:
    """Score a clickable element as an opener of a lead form (0: not one).

    Args:
        element: ``text``, ``aria``, ``title``, ``href`` and ``tag`` as the scan saw it.
    """
    label = " ".join(str(element.get(k) or "") for k in ("text", "aria", "title", "value")).strip()
    href = element.get("href") or ""
    if href.startswith(("tel:", "mailto:")) or lx.LOGIN.search(label):
        return 0
    score = 0
    if lx.LEAD_TRIGGER.search(label):
        score += 10 if len(label) <= 40 else 4
    if href.startswith("#popup") or element.get("modal"):
        score += 3
    return score


def judge_link(element: dict, origin: str) -> int:
    """Score a link to another page of the same site that may hold the lead form (0: not one)."""
    href = element.get("href") or ""
    if not href.startswith(origin) or href.rstrip("/") == origin.rstrip("/") or "#" in href:
        return 0
    label = " ".join(str(element.get(k) or "") for k in ("text", "aria", "title"))
    if lx.LOGIN.search(label) or lx.ACCOUNT.search(label):
        return 0
    path = href[len(origin):]
    return (10 if lx.LEAD_TRIGGER.search(label) else 0) + (5 if lx.LINK_HREF.search(path) else 0)


def phone_took(value: str, national: str, country_code: str | None, trunk: str | None) -> bool:
    """Whether a phone field's value holds the shopper's number exactly (in any format a mask made).

    Args:
        value: what the field holds after typing.
        national: the national significant number (``9120001122``).
        country_code: e.g. ``7``.
        trunk: the national prefix, e.g. ``8``.
    """
    digits = "".join(c for c in value if c.isdigit())
    if not digits.endswith(national):
        return False
    return digits[: len(digits) - len(national)] in {"", country_code or "", trunk or "", "0"}


def pick_submit(group: dict) -> str | None:
    """The id of the button that sends a group: a submit button, else one with a sending word, else the last."""
    ids, texts, types = group.get("buttonIds", []), group.get("buttons", []), group.get("buttonTypes", [])
    for index, kind in enumerate(types):
        if kind == "submit" and not lx.CHECK_ADDRESS.search(texts[index] or ""):
            return ids[index]
    for index, text in enumerate(texts):
        if lx.SUBMIT.search(text or "") and not lx.CHECK_ADDRESS.search(text or ""):
            return ids[index]
    return ids[-1] if ids else None
