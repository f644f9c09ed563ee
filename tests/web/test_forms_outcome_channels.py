"""Pure web-audit judgements: field roles, form kinds, outcomes, channels and promises."""

from __future__ import annotations

import pytest

from audit.web.channels import find_channels, find_promise, promise_minutes
from audit.web.forms import field_role, judge_group, judge_link, judge_trigger, phone_took, pick_submit
from audit.web.navigation import unreachable_reason
from audit.web.outcome import Observed, decide


def f(**kw):
    base = {"tag": "input", "type": "text", "visible": True, "enabled": True}
    return {**base, **kw}


@pytest.mark.parametrize("field, role", [
    (f(type="tel"), "phone"),
    (f(name="form_text_8", near="Телефон*"), "phone"),
    (f(name="tel-781"), "phone"),
    (f(placeholder="+7 (___) ___-__-__"), "other"),
    (f(name="LEAD_PHONE"), "phone"),
    (f(name="form_text_7", near="Ваше имя*"), "name"),
    (f(name="your-name"), "name"),
    (f(name="fio"), "name"),
    (f(label="Ім'я"), "name"),
    (f(label="Аты-жөні"), "name"),
    (f(type="email", name="EMAIL"), "email"),
    (f(placeholder="Ваш e-mail"), "email"),
    (f(placeholder="Улица, дом"), "address"),
    (f(tag="textarea", name="comment"), "comment"),
    (f(type="checkbox", label="Согласен на обработку персональных данных"), "consent"),
    (f(type="checkbox", label="Хочу получать новости"), "checkbox"),
    (f(type="password"), "password"),
    (f(type="search", name="s"), "search"),
    (f(type="hidden", name="sessid"), "hidden"),
    (f(tag="select", type=""), "select"),
])
def test_field_roles(field, role):
    assert field_role(field) == role


def group(fields, text="", buttons=("Отправить",), role=""):
    return {"fields": fields, "text": text, "buttons": list(buttons), "role": role}


@pytest.mark.parametrize("g, kind", [
    (group([f(name="your-name"), f(type="tel")], "Подключить интернет"), "lead"),
    (group([f(type="tel")], "Перезвоним за 26 секунд?", ["Жду звонка!"]), "lead"),
    (group([f(name="login", placeholder="Логин"), f(type="password")], "Личный кабинет", ["Войти"]), "login"),
    (group([f(type="search", name="s")], "", ["Найти"], role="search"), "search"),
    (group([f(type="email", name="EMAIL")], "Подписка на новости", ["Подписаться"]), "newsletter"),
    (group([f(name="author", placeholder="Ваше имя"), f(tag="textarea", name="text", placeholder="Ваш отзыв")],
           "Отзывы", ["Оставить отзыв"]), "other"),
    (group([f(placeholder="Улица, дом", name="address")], "Проверьте адрес", ["Проверить адрес"]), "address_step"),
    (group([f(name="phone", visible=False)], "Заявка"), "other"),
])
def test_group_kinds(g, kind):
    assert judge_group(g).kind == kind


def test_trigger_and_link_scores():
    assert judge_trigger({"text": "Заказать звонок"}) >= 10
    assert judge_trigger({"text": "", "aria": "Заказать обратный звонок"}) >= 10
    assert judge_trigger({"text": "Замовити дзвінок"}) >= 10
    assert judge_trigger({"text": "Өтінім қалдыру"}) >= 10
    assert judge_trigger({"text": "Личный кабинет"}) == 0
    assert judge_trigger({"text": "+7 (3452) 50-50-50", "href": "tel:+73452505050"}) == 0
    assert judge_trigger({"text": "О компании"}) == 0
    origin = "http://127.0.0.2:8000"
    assert judge_link({"text": "Подключение", "href": origin + "/connect/"}, origin) == 15
    assert judge_link({"text": "Тарифы", "href": origin + "/tarify/"}, origin) == 0
    assert judge_link({"text": "Подключение", "href": "https://other.ru/connect/"}, origin) == 0


@pytest.mark.parametrize("value, took", [("+79120001122", True), ("+7 (912) 000-11-22", True), ("89120001122", True),
                                         ("9120001122", True), ("+7 (791) 200-01-12", False), ("912000112", False),
                                         ("779120001122", False)])
def test_phone_took(value, took):
    assert phone_took(value, "9120001122", "7", "8") is took


def test_pick_submit_prefers_submit_then_words():
    submit = {"buttonIds": ["a", "b"], "buttons": ["Закрыть", "Отправить"], "buttonTypes": ["", "submit"]}
    assert pick_submit(submit) == "b"
    assert pick_submit({"buttonIds": ["a", "b"], "buttons": ["×", "Жду звонка!"], "buttonTypes": ["", ""]}) == "b"
    assert pick_submit({"buttonIds": [], "buttons": [], "buttonTypes": []}) is None


def req(status=200, body=""):
    return {"url": "http://isp/lead", "method": "POST", "status": status, "body": body}


@pytest.mark.parametrize("seen, status, reason_part", [
    (Observed([req()], "Спасибо! Ваша заявка отправлена."), "submitted", "the page said 'Спасибо! Ваша заявка"),
    (Observed([req(303)], "Спасибо, ваша заявка принята!", [], "http://isp/", "http://isp/spasibo/"), "submitted",
     "a thank-you page"),
    (Observed([req()], "", ["Спасибо! Ваша заявка принята."]), "submitted", "a dialog said"),
    (Observed([req(body='{"success": true}')], ""), "submitted", "success answer"),
    (Observed([req()], ""), "needs_review", "neither the page nor the answer confirmed it"),
    (Observed([req(500)], "Ошибка отправки. Попробуйте позже."), "submit_failed", "HTTP 500"),
    (Observed([req(None)], ""), "submit_failed", "the connection failed"),
    (Observed([req(body='{"ok": false, "message": "spam"}')], "spam"), "submit_failed", "reports an error"),
    (Observed([], "", page_errors=["ReferenceError: ym is not defined"]), "submit_failed", "ym is not defined"),
    (Observed([], "Введите имя и фамилию"), "submit_failed", "refused the input before sending"),
    (Observed([], ""), "submit_failed", "no request left the page"),
])
def test_decide(seen, status, reason_part):
    got_status, reason = decide(seen)
    assert got_status == status and reason_part in reason, reason


def test_channels():
    html = """<a href="tel:+7 (3452) 50-50-51">call</a> <a href="https://t.me/isp">tg</a>
      <a href="https://wa.me/79120009988">wa</a> <a href="viber://chat?number=%2B7912">v</a>
      <a href="mailto:info@isp.ru?subject=x">mail</a> <a href="https://lk.isp.ru/">ЛК</a>
      <script src="//code.jivosite.com/widget/x" async></script><script src="/js/envybox.js"></script>"""
    found = find_channels(html, "Звоните 8 800 100-20-30, Личный кабинет")
    assert found == {"phones": ["+73452505051", "+78001002030"], "telegram": ["https://t.me/isp"],
                     "whatsapp": ["https://wa.me/79120009988"], "viber": ["viber://chat?number=%2B7912"],
                     "email": ["info@isp.ru"], "account": ["https://lk.isp.ru/"], "chat": ["JivoSite"],
                     "callback_widget": ["Envybox"]}
    assert find_channels("", "") == {}


@pytest.mark.parametrize("text, promise, minutes", [
    ("Подключить интернет\nПерезвоним в течение 15 минут с 8:00 до 19:30\nВаше имя",
     "Перезвоним в течение 15 минут с 8:00 до 19:30", 15),
    ("Перезвоним за 26 секунд?", "Перезвоним за 26 секунд", 26 / 60),
    ("Перезвоним в течение 2 часов в рабочее время.", "Перезвоним в течение 2 часов", 120),
    ("Мы свяжемся с вами в течение часа", "свяжемся с вами в течение часа", 60),
    ("Ми зателефонуємо протягом 10 хвилин", "зателефонуємо протягом 10 хвилин", 10),
    ("Подключение за 3 дня", None, None),
])
def test_promise(text, promise, minutes):
    assert find_promise(text) == promise
    assert promise_minutes(promise) == pytest.approx(minutes) if minutes else promise_minutes(promise) is None


@pytest.mark.parametrize("message, reason", [
    ("net::ERR_CONNECTION_REFUSED at http://127.0.0.9:1/", "connection refused (nothing listens at that address)"),
    ("net::ERR_TOO_MANY_REDIRECTS at http://x/", "redirect loop"),
    ("Timeout 5000ms exceeded.", "no answer within 5 s"),
    ("net::ERR_NAME_NOT_RESOLVED", "the domain does not resolve"),
])
def test_unreachable_reason(message, reason):
    assert unreachable_reason(message, 5) == reason
