
customElements.define('callback-widget', class extends HTMLElement {
  connectedCallback() {
    const root = this.attachShadow({mode: 'open'});
    root.innerHTML = `<style>.fab{position:fixed;right:20px;bottom:20px;width:60px;height:60px;border-radius:50%;background:#0a0;border:0;cursor:pointer}
      .panel{position:fixed;right:20px;bottom:90px;background:#fff;border:1px solid #ccc;padding:16px;display:none}</style>
      <button class="fab" aria-label="Заказать обратный звонок"><svg width="24" height="24"><circle cx="12" cy="12" r="10"/></svg></button>
      <div class="panel"><p>Перезвоним за 26 секунд?</p><input type="tel" placeholder="Ваш телефон"><button class="go">Жду звонка!</button><p class="ok"></p></div>`;
    root.querySelector('.fab').onclick = () => { root.querySelector('.panel').style.display = 'block'; };
    root.querySelector('.go').onclick = () => {
      const phone = root.querySelector('input').value;
      fetch('/widget/api/callback', {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({phone: phone, source: 'widget'})}).then(() => { root.querySelector('.ok').textContent = 'Спасибо! Ожидайте звонка.'; });
    };
  }
});