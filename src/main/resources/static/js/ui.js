// Shared bits of page furniture: toasts for errors, the screen-reader announcer, a confirm dialog.
import { h, icon } from './dom.js';
import { t } from './i18n.js';

const toasts = () => document.getElementById('toasts');

/** Shows an error (an ApiError, an Error or a string) as a toast that stays until dismissed or 12 s. */
export function showError(error, title) {
  const text = typeof error === 'string' ? error : (error && error.message) || t('error.status.generic', { status: '?' });
  toast(title || t('error.title'), text, 'error');
}

export function showInfo(text, title) {
  toast(title || t('info.title'), text, 'info');
}

function toast(title, text, kind) {
  const close = h('button', { type: 'button', class: 'btn btn-ghost btn-sm btn-icon', 'aria-label': t('action.dismiss') }, icon('x'));
  const el = h('div', { class: `toast ${kind}` },
    h('div', { class: 'toast-body' }, h('div', { class: 'toast-title', text: title }), h('div', { class: 'toast-text', text })),
    close);
  const remove = () => el.remove();
  close.addEventListener('click', remove);
  setTimeout(remove, kind === 'error' ? 12000 : 5000);
  toasts().append(el);
  while (toasts().children.length > 4) toasts().firstElementChild.remove();
}

/** Says something to screen readers through the polite live region. */
export function announce(text) {
  const region = document.getElementById('announcer');
  region.append(h('p', { text }));
  while (region.children.length > 20) region.firstElementChild.remove();
}

/** A modal confirm built on <dialog>; resolves true when confirmed. */
export function confirmDialog(title, text, confirmLabel) {
  return new Promise((resolve) => {
    const cancel = h('button', { type: 'button', class: 'btn btn-secondary', text: t('action.cancel') });
    const ok = h('button', { type: 'button', class: 'btn btn-danger', text: confirmLabel });
    const dialog = h('dialog', { 'aria-labelledby': 'dialog-title' },
      h('h2', { id: 'dialog-title', text: title }),
      h('p', { class: 'muted', text }),
      h('div', { class: 'dialog-actions' }, cancel, ok));
    let result = false;
    cancel.addEventListener('click', () => dialog.close());
    ok.addEventListener('click', () => { result = true; dialog.close(); });
    dialog.addEventListener('close', () => { dialog.remove(); resolve(result); });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}

let busy = 0;
let idleCallbacks = [];

/** Marks work that must not be interrupted by a re-render (a streamed answer). */
export function setBusy(on) {
  busy = Math.max(0, busy + (on ? 1 : -1));
  if (busy === 0) {
    const callbacks = idleCallbacks;
    idleCallbacks = [];
    for (const callback of new Set(callbacks)) callback();
  }
}

export function isBusy() {
  return busy > 0;
}

export function whenIdle(callback) {
  idleCallbacks.push(callback);
}
