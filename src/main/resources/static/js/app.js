// Rehearse web chat: a small hash router over the JSON API. Views render into <main> and may
// return a cleanup function (stop speech, abort streams, destroy charts).
import { api, ApiError } from './api.js';
import { t, lang, setLang, applyStatic, onLanguageChange } from './i18n.js';
import { showError, isBusy, whenIdle } from './ui.js';
import { renderAuth } from './views/auth.js';
import { renderStart } from './views/start.js';
import { renderChat } from './views/chat.js';
import { renderHistory } from './views/history.js';
import { renderReview } from './views/review.js';

const main = document.getElementById('main');

export const session = {
  user: null,
  examiner: null,
};

const routes = [
  { pattern: /^\/?$/, view: renderStart, auth: true, nav: 'start' },
  { pattern: /^\/start$/, view: renderStart, auth: true, nav: 'start' },
  { pattern: /^\/(signin|signup)$/, view: renderAuth, auth: false },
  { pattern: /^\/interview\/([^/]+)$/, view: renderChat, auth: true, nav: 'start' },
  { pattern: /^\/history$/, view: renderHistory, auth: true, nav: 'history' },
  { pattern: /^\/review\/([^/]+)$/, view: renderReview, auth: true, nav: 'history' },
];

let cleanup = null;
let renderSeq = 0;

export function navigate(path) {
  const target = '#' + path;
  if (location.hash === target) route();
  else location.hash = target;
}

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?');
  return { path, query: new URLSearchParams(query) };
}

async function route() {
  const { path, query } = parseHash();
  const match = routes.map((r) => ({ r, m: path.match(r.pattern) })).find((x) => x.m);
  if (!match) {
    navigate('/start');
    return;
  }
  if (match.r.auth && !session.user) {
    navigate('/signin');
    return;
  }
  if (!match.r.auth && session.user) {
    navigate('/start');
    return;
  }
  if (cleanup) {
    try { cleanup(); } catch { /* a view's cleanup must not block the next one */ }
    cleanup = null;
  }
  const seq = ++renderSeq;
  updateChrome(match.r.nav);
  main.replaceChildren();
  try {
    const result = await match.r.view(main, { params: match.m.slice(1), query, session, navigate, path });
    if (seq !== renderSeq) {
      if (typeof result === 'function') result();
      return;
    }
    cleanup = typeof result === 'function' ? result : null;
    // after a page change keyboard and screen-reader users start at the new content
    if (!main.contains(document.activeElement)) main.focus({ preventScroll: true });
  } catch (error) {
    if (seq !== renderSeq) return;
    handleError(error);
  }
}

/** Shows an error; a 401 means the session ended, so it also goes back to sign-in. */
export function handleError(error) {
  if (error instanceof ApiError && error.status === 401 && session.user) {
    session.user = null;
    showError(t('error.sessionEnded'));
    navigate('/signin');
    return;
  }
  showError(error);
}

function updateChrome(activeNav) {
  const signedIn = !!session.user;
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('user-chip').hidden = !signedIn;
  document.getElementById('sign-out').hidden = !signedIn;
  if (signedIn) {
    document.getElementById('user-name').textContent = session.user.username;
    document.getElementById('user-avatar').textContent = session.user.username.slice(0, 1);
  }
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.route === activeNav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.getElementById('lang-toggle-text').textContent = lang() === 'zh' ? 'English' : '中文';
}

export async function signedIn(user) {
  session.user = user;
  navigate('/start');
}

async function signOut() {
  try {
    await api.logout();
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) {
      showError(error);
      return;
    }
  }
  session.user = null;
  session.examiner = null;
  navigate('/signin');
}

async function boot() {
  applyStatic();
  document.getElementById('lang-toggle').addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
  document.getElementById('sign-out').addEventListener('click', signOut);
  onLanguageChange(() => {
    updateChrome(document.querySelector('#nav a[aria-current]')?.dataset.route);
    // views render again in the new language, but never in the middle of a streamed answer
    if (isBusy()) whenIdle(route);
    else route();
  });
  try {
    session.user = await api.me();
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) showError(error);
    session.user = null;
  }
  window.addEventListener('hashchange', route);
  await route();
}

boot();
