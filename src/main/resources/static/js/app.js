// Rehearse web chat: a small hash router over the JSON API. Views render into <main> and may
// return a cleanup function (stop speech, abort streams, destroy charts).
import { api, ApiError } from './api.js';
import { t, lang, setLang, applyStatic, onLanguageChange } from './i18n.js';
import { showError, isBusy, whenIdle } from './ui.js';
import { h } from './dom.js';
import { renderAuth } from './views/auth.js';
import { renderStart } from './views/start.js';
import { renderChat } from './views/chat.js';
import { renderHistory } from './views/history.js';
import { renderReview } from './views/review.js';

const main = document.getElementById('main');
const THEME_KEY = 'rehearse.theme';
/** A view still loading after this long shows a skeleton rather than a blank page. */
const SKELETON_AFTER_MS = 200;

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
  const stopSkeleton = skeletonWhileLoading();
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
  } finally {
    stopSkeleton();
  }
}

/**
 * Shows grey placeholder blocks if the view has drawn nothing after a moment (a slow network),
 * and takes them away as soon as the view draws its first element.
 */
function skeletonWhileLoading() {
  const skeleton = h('div', { class: 'skeleton', 'data-testid': 'skeleton', 'aria-busy': 'true', 'aria-label': t('app.loading') }, h('i'), h('i'), h('i'), h('i'));
  const observer = new MutationObserver(() => {
    if ([...main.children].some((child) => child !== skeleton)) stop();
  });
  const timer = setTimeout(() => {
    if (main.childElementCount === 0) {
      main.append(skeleton);
      observer.observe(main, { childList: true });
    }
  }, SKELETON_AFTER_MS);
  function stop() {
    clearTimeout(timer);
    observer.disconnect();
    skeleton.remove();
  }
  return stop;
}

const THEMES = ['system', 'light', 'dark'];

/** The theme switch: system (follows the device), light or dark, in turn; remembered per browser. */
function setUpTheme() {
  const button = document.getElementById('theme-toggle');
  button.addEventListener('click', () => {
    const theme = THEMES[(THEMES.indexOf(currentTheme()) + 1) % THEMES.length];
    if (theme === 'system') {
      localStorage.removeItem(THEME_KEY);
      delete document.documentElement.dataset.theme;
    } else {
      localStorage.setItem(THEME_KEY, theme);
      document.documentElement.dataset.theme = theme;
    }
    showTheme();
    // charts read their colours from the theme when drawn
    if (location.hash.startsWith('#/history') && !isBusy()) route();
  });
  showTheme();
}

function currentTheme() {
  const theme = document.documentElement.dataset.theme;
  return THEMES.includes(theme) ? theme : 'system';
}

function showTheme() {
  const theme = currentTheme();
  const button = document.getElementById('theme-toggle');
  button.dataset.theme = theme;
  document.getElementById('theme-text').textContent = t(`theme.${theme}`);
  button.setAttribute('aria-label', t('theme.switch', { theme: t(`theme.${theme}`), next: t(`theme.${THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length]}`) }));
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
  setUpTheme();
  document.getElementById('lang-toggle').addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
  document.getElementById('sign-out').addEventListener('click', signOut);
  onLanguageChange(() => {
    showTheme();
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
