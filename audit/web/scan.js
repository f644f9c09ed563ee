// Page scan for the web audit: describes every group of fields (forms, and containers of inputs with a
// button), clickable elements and links, walking open shadow roots. Elements are tagged with
// data-ispaudit-id so that the kit can address them with a CSS locator (which pierces shadow roots).
(opts) => {
  const W = window;
  W.__ispauditN = W.__ispauditN || 0;
  const idOf = el => {
    if (!el.getAttribute('data-ispaudit-id')) el.setAttribute('data-ispaudit-id', 'k' + (++W.__ispauditN));
    return el.getAttribute('data-ispaudit-id');
  };
  const deepAll = (root, sel, out) => {
    out = out || [];
    root.querySelectorAll(sel).forEach(e => out.push(e));
    root.querySelectorAll('*').forEach(e => { if (e.shadowRoot) deepAll(e.shadowRoot, sel, out); });
    return out;
  };
  const clip = (s, n) => (s || '').replace(/\s+/g, ' ').trim().slice(0, n);
  const pageWidth = Math.max(document.documentElement.scrollWidth, innerWidth);
  const visible = el => {
    if (!el.isConnected) return false;
    const st = getComputedStyle(el);
    if (st.display === 'none' || st.visibility === 'hidden' || parseFloat(st.opacity) === 0) return false;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2 || r.right <= 0 || r.bottom <= 0 || r.left >= pageWidth) return false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.display === 'none' || parseFloat(s.opacity) === 0 || s.visibility === 'hidden') return false;
    }
    const root = el.getRootNode();
    if (root instanceof ShadowRoot && !visibleHost(root.host)) return false;
    return true;
  };
  const visibleHost = h => { const st = getComputedStyle(h); return st.display !== 'none' && st.visibility !== 'hidden'; };
  const labelOf = el => {
    const parts = [];
    if (el.labels) el.labels.forEach(l => parts.push(l.innerText));
    const by = el.getAttribute('aria-labelledby');
    if (by) by.split(/\s+/).forEach(i => { const t = el.getRootNode().getElementById ? el.getRootNode().getElementById(i) : null; if (t) parts.push(t.innerText); });
    return clip(parts.join(' '), 120);
  };
  const nearOf = el => {
    const td = el.closest('td');
    if (td && td.previousElementSibling) return clip(td.previousElementSibling.innerText, 80);
    for (let n = el, depth = 0; n && depth < 3; n = n.parentElement, depth++) {
      let s = n.previousElementSibling;
      while (s && !clip(s.innerText, 80) && s.tagName !== 'INPUT') s = s.previousElementSibling;
      if (s && s.tagName !== 'INPUT' && !s.querySelector('input,select,textarea')) return clip(s.innerText, 80);
    }
    return '';
  };
  const FIELD_SEL = 'input:not([type=submit]):not([type=button]):not([type=image]):not([type=reset]):not([type=file]), select, textarea';
  const BUTTON_SEL = 'button, input[type=submit], input[type=button], input[type=image], [role=button], a.btn, .btn, [class*="submit"], [class*="button"], [onclick]';
  const describeField = el => {
    const label = labelOf(el);
    const cb = el.type === 'checkbox' || el.type === 'radio';
    const wrap = cb ? (el.closest('label') || (el.id && el.getRootNode().querySelector ? el.getRootNode().querySelector('label[for="' + el.id + '"]') : null)) : null;
    return {
      id: idOf(el), tag: el.tagName.toLowerCase(), type: (el.getAttribute('type') || (el.tagName === 'INPUT' ? 'text' : '')).toLowerCase(),
      name: el.getAttribute('name') || '', htmlid: el.id || '', placeholder: el.getAttribute('placeholder') || '',
      aria: el.getAttribute('aria-label') || '', autocomplete: el.getAttribute('autocomplete') || '',
      inputmode: el.getAttribute('inputmode') || '', title: el.getAttribute('title') || '', cls: el.className && el.className.baseVal === undefined ? String(el.className) : '',
      label: label, near: label ? '' : nearOf(el), required: el.required || el.getAttribute('aria-required') === 'true',
      visible: visible(el), enabled: !el.disabled && !el.readOnly, value: el.value || '', checked: !!el.checked,
      labelId: wrap && visible(wrap) ? idOf(wrap) : null,
      mask: !!(el.getAttribute('data-mask') || el.getAttribute('data-inputmask') || el.getAttribute('data-tilda-rule') || /mask/i.test(el.className) || /_/.test(el.getAttribute('placeholder') || '')),
      options: el.tagName === 'SELECT' ? Array.from(el.options).map(o => ({value: o.value, text: clip(o.text, 40), disabled: o.disabled})) : null,
    };
  };
  const buttonText = b => clip(b.innerText || b.value || b.getAttribute('aria-label') || b.getAttribute('title') || '', 60);
  const CAPTCHA = /g-recaptcha|recaptcha\/api|grecaptcha|smart-captcha|smartcaptcha|captcha\.yandex|h-captcha|hcaptcha|cf-turnstile/i;
  const describeGroup = (root, isForm) => {
    const fields = Array.from(root.querySelectorAll(FIELD_SEL)).map(describeField);
    const buttons = Array.from(root.querySelectorAll(BUTTON_SEL)).filter(b => visible(b));
    let context = '';
    for (let p = root.parentElement, d = 0; p && d < 3 && context.length < 40; p = p.parentElement, d++) context = clip(p.innerText, 300);
    return {
      id: idOf(root), isForm: isForm, role: root.getAttribute('role') || '', fields: fields,
      buttons: buttons.map(buttonText), buttonIds: buttons.map(idOf),
      buttonTypes: buttons.map(b => (b.getAttribute('type') || (b.tagName === 'BUTTON' && isForm ? 'submit' : '')).toLowerCase()),
      text: clip(root.innerText, 400), context: context, visible: visible(root) || fields.some(f => f.visible),
      captcha: CAPTCHA.test(root.innerHTML) || Array.from(root.querySelectorAll('iframe')).some(f => CAPTCHA.test(f.src)),
      html: root.outerHTML.slice(0, 20000),
    };
  };
  const groups = [];
  const forms = deepAll(document, 'form');
  forms.forEach(f => groups.push(describeGroup(f, true)));
  const seen = new Set();
  deepAll(document, FIELD_SEL).forEach(el => {
    if (el.closest('form') || el.type === 'hidden') return;
    let c = el.parentElement;
    for (let d = 0; c && d < 6; c = c.parentElement, d++) {
      if (Array.from(c.querySelectorAll(BUTTON_SEL)).some(visible)) break;
    }
    if (!c) c = el.getRootNode() instanceof ShadowRoot ? el.parentElement : document.body;
    if (seen.has(c)) return;
    seen.add(c);
    groups.push(describeGroup(c, false));
  });
  ((opts && opts.extra) || []).forEach(id => {
    const el = deepAll(document, '[data-ispaudit-id="' + id + '"]')[0];
    if (el && !groups.some(g => g.id === id)) groups.push(describeGroup(el, el.tagName === 'FORM'));
  });
  const clickSel = 'a, button, [role=button], [onclick], input[type=button], [data-toggle], [data-bs-toggle], [data-target], .btn, [class*="callback"], [class*="btn"]';
  const triggers = deepAll(document, clickSel).filter(visible).slice(0, 800).map(el => ({
    id: idOf(el), tag: el.tagName.toLowerCase(), text: clip(el.innerText || el.value, 80),
    aria: el.getAttribute('aria-label') || '', title: el.getAttribute('title') || '',
    href: el.tagName === 'A' ? (el.href || '') : '', modal: !!(el.getAttribute('data-toggle') || el.getAttribute('data-bs-toggle') || el.getAttribute('data-target')),
  }));
  const cookieButtons = deepAll(document, 'button, a, [role=button], input[type=button], div, span').filter(b => {
    if (!visible(b) || b.children.length > 2) return false;
    const t = clip(b.innerText || b.value, 30);
    if (!/^(принять|принимаю|согласен|ok|ок|хорошо|понятно|accept|прийняти|зрозуміло|погоджуюсь|закрыть|got it|allow)/i.test(t)) return false;
    for (let p = b.parentElement, d = 0; p && d < 4; p = p.parentElement, d++) if (/cookie|куки|кукі/i.test(p.innerText || '')) return true;
    return false;
  }).map(idOf);
  const texts = [document.body ? document.body.innerText : ''];
  document.querySelectorAll('*').forEach(e => { if (e.shadowRoot) texts.push(Array.from(e.shadowRoot.children).map(c => c.innerText || '').join('\n')); });
  return {
    url: location.href, origin: location.origin, groups: groups, triggers: triggers, cookieButtons: cookieButtons,
    text: texts.join('\n'), captcha: CAPTCHA.test(document.documentElement.innerHTML.slice(0, 500000)),
  };
}
