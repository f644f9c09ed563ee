"""Words real ISP sites use (ru, uk, kk, en), as lowercase regular expressions. Data, not logic."""

from __future__ import annotations

import re


def _any(*words: str) -> re.Pattern[str]:
    return re.compile("|".join(words), re.IGNORECASE)


# Buttons and links that open a lead form.
LEAD_TRIGGER = _any(
    r"заказать\s+(обратный\s+)?звонок", r"обратн\w*\s+звон", r"перезвон", r"оставить\s+заявку", r"заявк",
    r"подключить", r"подключиться", r"подключение", r"консультац", r"жду\s+звонка", r"позвоните\s+мне",
    r"замовити\s+дзвінок", r"зворотн\w*\s+дзвін", r"залишити\s+заявку", r"підключити", r"передзвон",
    r"өтінім", r"қоңырау", r"call\s*back", r"call\s+me", r"request\s+a\s+call", r"get\s+connected",
    r"callback", r"connect")
# Words around a lead form (headings, buttons).
LEAD_CONTEXT = _any(r"заявк", r"звон", r"подключ", r"консультац", r"перезвон", r"дзвін", r"заявку", r"підключ",
                    r"өтінім", r"қоңырау", r"call", r"connect", r"lead")
SUBMIT = _any(r"отправ", r"жду", r"заказ", r"подключ", r"перезвон", r"оставить", r"надіслати", r"відправ",
              r"замовити", r"жіберу", r"send", r"submit", r"request", r"go\b", r"готово")
CHECK_ADDRESS = _any(r"провер", r"перевір", r"тексер", r"check")
LINK_HREF = _any(r"connect", r"zayav", r"zajav", r"podkl", r"callback", r"zvonok", r"order", r"request",
                 r"leads?\b", r"podkluch")

SEARCH = _any(r"поиск", r"search", r"пошук", r"іздеу", r"найти")
NEWSLETTER = _any(r"подпис", r"рассылк", r"subscribe", r"newsletter", r"підпис", r"розсилк")
LOGIN = _any(r"личный\s+кабинет", r"войти", r"логин", r"пароль", r"вход", r"login", r"sign\s*in",
             r"особист", r"увійти")
REVIEW = _any(r"отзыв", r"review", r"відгук", r"пікір", r"оценк", r"рейтинг", r"rating")

PHONE = _any(r"phone", r"tel\b", r"\btel", r"телефон", r"номер", r"mobile", r"моб", r"тел\.?", r"phone_number")
NAME = _any(r"\bname\b", r"имя", r"фио", r"ф\.и\.о", r"ім['ʼ’]я", r"піб", r"аты", r"контактное\s+лицо",
            r"your-name", r"fio", r"first_?name", r"fullname", r"lead_name", r"\[name", r"^name")
EMAIL = _any(r"e-?mail", r"почт", r"пошт", r"mail")
ADDRESS = _any(r"адрес", r"address", r"улиц", r"вулиц", r"мекенжай", r"street", r"дом\b", r"addr")
COMMENT = _any(r"коммент", r"comment", r"сообщени", r"вопрос", r"message", r"повідомлен", r"примечан")
CONSENT = _any(r"соглас", r"персональн", r"152", r"agree", r"consent", r"згод", r"погоджу", r"келісем",
               r"политик", r"privacy", r"обработк")

SUCCESS = _any(r"спасибо", r"благодар", r"заявк\w*\s+(успешно\s+)?(принят|отправлен|получен|создан)",
               r"принят[аоы]?\b", r"успешно", r"отправлен[аоы]?\b", r"ожидайте\s+звонка", r"мы\s+перезвоним",
               r"свяжемся", r"дякуємо", r"дякую", r"прийнят", r"рақмет", r"қабылданды", r"thank\s*you",
               r"thanks", r"success", r"received", r"mail_sent")
ERROR = _any(r"ошибк", r"error", r"не\s+удалось", r"неверн", r"некоррект", r"заполните", r"обязательн",
             r"введите", r"попробуйте\s+(позже|ещ)", r"помилк", r"қате", r"failed", r"invalid", r"required",
             r"необходимо", r"spam")

COOKIE = _any(r"cookie", r"куки", r"кукі", r"файлы\s+cookie")
COOKIE_ACCEPT = _any(r"^\s*(принять|принимаю|согласен|ok|ок|хорошо|понятно|accept|прийняти|зрозуміло|"
                     r"погоджуюсь|закрыть|close|got\s+it|allow)")

CAPTCHA_MARKERS = ("g-recaptcha", "recaptcha/api", "grecaptcha", "smart-captcha", "smartcaptcha",
                   "captcha.yandex", "h-captcha", "hcaptcha", "cf-turnstile", "captcha")
CHAT_MARKERS = {"jivo": "JivoSite", "bitrix24": "Bitrix24", "b24-widget": "Bitrix24", "carrotquest": "Carrot quest",
                "talk-me": "Talk-Me", "livetex": "LiveTex", "verbox": "Verbox", "redhelper": "RedHelper",
                "webim": "Webim", "envybox": "Envybox", "callbackkiller": "CallbackKiller",
                "callbackhunter": "Callbackhunter", "onicon": "Onicon", "chatra": "Chatra", "tawk.to": "Tawk"}
ACCOUNT = _any(r"личный\s+кабинет", r"особистий\s+кабінет", r"жеке\s+кабинет", r"my\s+account",
               r"кабинет\s+абонента")
PROMISE_DELAY = re.compile(
    r"(перезвон\w*|свяж\w*|позвон\w*|ответ\w*|зателефону\w*|передзвон\w*|call\s+you\s+back)[^.!?\n]{0,50}?"
    r"(\d+)\s*(секунд\w*|сек\b|минут\w*|мин\b|хвилин\w*|час\w*|годин\w*|seconds?|minutes?|hours?)",
    re.IGNORECASE)
PROMISE_HOURS = re.compile(r"(?:\bс|\bз|from)\s*(\d{1,2}[:.]\d{2}|\d{1,2})\s*(?:до|to|по)\s*(\d{1,2}[:.]\d{2}|\d{1,2})",
                           re.IGNORECASE)
PROMISE_HOUR_WORD = re.compile(r"(перезвон\w*|свяж\w*)[^.!?\n]{0,30}?(в\s+течение\s+часа|в\s+течение\s+дня)",
                               re.IGNORECASE)
