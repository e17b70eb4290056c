// Sign in and sign up, one card with two tabs.
import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { signedIn } from '../app.js';

export async function renderAuth(main, { path, navigate }) {
  const mode = path === '/signup' ? 'signup' : 'signin';
  document.title = `${t(mode === 'signup' ? 'auth.signUp' : 'auth.signIn')} · Rehearse`;

  const errorBox = h('div', { class: 'alert', role: 'alert', hidden: true });
  const username = h('input', { id: 'username', name: 'username', type: 'text', autocomplete: 'username', required: true, minlength: 3, maxlength: 32, autocapitalize: 'off', spellcheck: 'false' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: mode === 'signup' ? 'new-password' : 'current-password', required: true, minlength: mode === 'signup' ? 8 : undefined });
  const userError = h('div', { class: 'field-error', id: 'username-error' });
  const passError = h('div', { class: 'field-error', id: 'password-error' });
  const submit = h('button', { type: 'submit', class: 'btn', id: 'auth-submit', text: t(mode === 'signup' ? 'auth.createAccount' : 'auth.signIn') });

  const form = h('form', { novalidate: true, 'aria-labelledby': 'auth-heading' },
    h('h2', { id: 'auth-heading', class: 'sr-only', text: t(mode === 'signup' ? 'auth.signUp' : 'auth.signIn') }),
    errorBox,
    h('div', { class: 'field' },
      h('label', { for: 'username', text: t('auth.username') }),
      username,
      mode === 'signup' ? h('span', { class: 'hint', text: t('auth.usernameHint') }) : null,
      userError),
    h('div', { class: 'field' },
      h('label', { for: 'password', text: t('auth.password') }),
      password,
      mode === 'signup' ? h('span', { class: 'hint', text: t('auth.passwordHint') }) : null,
      passError),
    submit);

  const tab = (name, label) => h('a', {
    class: 'tab', role: 'tab', href: `#/${name}`, 'aria-selected': String(mode === name), id: `tab-${name}`,
  }, label);
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': t('auth.choose') },
    tab('signin', t('auth.signIn')), tab('signup', t('auth.signUp')));

  const feature = (iconName, title, text) => h('li', {}, h('span', { class: 'dot' }, icon(iconName)), h('span', {}, h('strong', { text: title }), text));

  main.append(h('div', { class: 'auth-wrap' },
    h('section', { class: 'auth-hero' },
      h('h1', { text: t('auth.heroTitle') }),
      h('p', { class: 'lead', text: t('auth.heroLead') }),
      h('ul', { class: 'feature-list' },
        feature('chat', t('auth.f1.title'), t('auth.f1.text')),
        feature('mic', t('auth.f2.title'), t('auth.f2.text')),
        feature('chart', t('auth.f3.title'), t('auth.f3.text')))),
    h('section', { class: 'card auth-card' }, tabs, form)));

  function fieldErrors(error) {
    userError.textContent = '';
    passError.textContent = '';
    username.removeAttribute('aria-invalid');
    password.removeAttribute('aria-invalid');
    let shown = false;
    for (const e of error.fieldErrors || []) {
      const target = e.field === 'password' ? [password, passError] : e.field === 'username' ? [username, userError] : null;
      if (!target) continue;
      target[0].setAttribute('aria-invalid', 'true');
      target[0].setAttribute('aria-describedby', target[1].id);
      target[1].textContent = (target[1].textContent ? target[1].textContent + ' ' : '') + (e.message || '');
      shown = true;
    }
    return shown;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errorBox.hidden = true;
    const name = username.value.trim();
    const secret = password.value;
    if (!name || !secret) {
      errorBox.textContent = t('auth.fillBoth');
      errorBox.hidden = false;
      (name ? password : username).focus();
      return;
    }
    submit.disabled = true;
    try {
      if (mode === 'signup') await api.register(name, secret);
      const user = await api.login(name, secret);
      const me = await api.me().catch(() => user);
      await signedIn(me || { username: name });
    } catch (error) {
      // each error is shown once: beside its field when the server named one, otherwise in the
      // form's own message box (never also as a toast)
      const inline = fieldErrors(error);
      if (!inline) {
        errorBox.textContent = error instanceof ApiError && error.status === 401 ? t('auth.badCredentials') : error.message || t('error.status.generic', { status: '?' });
        errorBox.hidden = false;
      }
    } finally {
      submit.disabled = false;
    }
  });

  username.focus();
}
