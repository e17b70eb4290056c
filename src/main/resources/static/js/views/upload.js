// "Upload a bank": a file or pasted text, previewed (categories, questions, key-point titles, every
// warning and error with its line) before it is saved as the user's own bank.
import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { showError, announce } from '../ui.js';

/**
 * The panel; onSaved(bankId) once a bank is saved. ownIds: the ids of the user's own banks, so that
 * a preview of one of them offers to replace it (a new version keeps its questions' ids).
 */
export function uploadPanel({ onSaved, ownIds = [] }) {
  const file = h('input', { type: 'file', id: 'bank-file', accept: '.md,.txt,text/markdown,text/plain' });
  const text = h('textarea', { id: 'bank-text', rows: 6, placeholder: t('upload.pastePlaceholder') });
  const previewButton = h('button', { type: 'button', class: 'btn btn-secondary', id: 'bank-preview' }, t('upload.preview'));
  const saveButton = h('button', { type: 'button', class: 'btn', id: 'bank-save', disabled: true }, t('upload.save'));
  const result = h('div', { class: 'upload-result', id: 'bank-preview-result', 'aria-live': 'polite' });
  let previewed = null; // the upload the preview was made of, saved as is
  let replace = null; // the id of the user's own bank this upload would replace

  function upload() {
    const chosen = file.files && file.files[0];
    if (chosen) return { file: chosen };
    if (text.value.trim()) return { text: text.value };
    return null;
  }

  function invalidate() {
    previewed = null;
    replace = null;
    saveButton.textContent = t('upload.save');
    saveButton.disabled = true;
    result.replaceChildren();
  }
  file.addEventListener('change', invalidate);
  text.addEventListener('input', invalidate);

  previewButton.addEventListener('click', async () => {
    const chosen = upload();
    if (!chosen) {
      result.replaceChildren(h('p', { class: 'alert error', text: t('upload.nothing') }));
      return;
    }
    previewButton.disabled = true;
    try {
      const preview = await api.uploadBank(chosen, { dryRun: true });
      result.replaceChildren(renderPreview(preview));
      previewed = preview.errors.length === 0 ? chosen : null;
      replace = ownIds.includes(preview.bankId) ? preview.bankId : null;
      saveButton.textContent = replace ? t('upload.replace') : t('upload.save');
      if (replace) result.prepend(h('p', { class: 'alert info', text: t('upload.replaces') }));
      saveButton.disabled = previewed === null;
      announce(preview.errors.length ? t('upload.hasErrors', { count: preview.errors.length }) : t('upload.ready', { count: preview.questionCount }));
    } catch (error) {
      result.replaceChildren(problemOf(error));
    } finally {
      previewButton.disabled = false;
    }
  });

  saveButton.addEventListener('click', async () => {
    if (!previewed) return;
    saveButton.disabled = true;
    try {
      const saved = await api.uploadBank(previewed, { dryRun: false, replace });
      announce(t('upload.saved', { title: saved.title }));
      onSaved(saved.bankId);
    } catch (error) {
      result.replaceChildren(problemOf(error));
    }
  });

  return h('details', { class: 'card upload-panel', id: 'upload-panel' },
    h('summary', {}, icon('plus'), t('upload.title')),
    h('p', { class: 'hint', text: t('upload.hint') }),
    h('div', { class: 'field' }, h('label', { for: 'bank-file', text: t('upload.file') }), file),
    h('div', { class: 'field' }, h('label', { for: 'bank-text', text: t('upload.paste') }), text),
    h('div', { class: 'row upload-actions' }, previewButton, saveButton),
    result);
}

function renderPreview(preview) {
  const lines = (items, kind) => items.length === 0 ? null : h('ul', { class: `upload-lines ${kind}` },
    items.map((item) => h('li', {}, h('span', { class: 'badge', text: item.line > 0 ? t('upload.line', { line: item.line }) : t('upload.file') }), ' ', item.message)));
  const head = preview.title
    ? h('p', {}, h('strong', { class: 'upload-title', text: preview.title }), ' ',
      h('span', { class: 'hint', text: t('upload.summary', { count: preview.questionCount, categories: preview.categories.length }) }))
    : null;
  return h('div', { class: 'upload-preview' },
    head,
    preview.errors.length ? h('h3', { class: 'upload-errors-title', text: t('upload.errors') }) : null,
    lines(preview.errors, 'errors'),
    preview.warnings.length ? h('h3', { text: t('upload.warnings') }) : null,
    lines(preview.warnings, 'warnings'),
    preview.categories.map((category) => h('section', { class: 'upload-category' },
      h('h3', { text: category.name }),
      h('ol', {}, category.questions.map((question) => h('li', { class: 'upload-question' },
        h('span', { class: 'upload-question-text', text: question.text }),
        question.keyPoints.length ? h('span', { class: 'hint', text: ` — ${question.keyPoints.join(' · ')}` }) : null,
        question.followUps.length ? h('ul', { class: 'upload-follow-ups' }, question.followUps.map((f) => h('li', { text: t('upload.followUp', { text: f }) }))) : null))))));
}

/** A refused upload: its message, and the lines a ProblemDetail names. */
function problemOf(error) {
  if (!(error instanceof ApiError)) {
    showError(error);
    return h('div');
  }
  const items = error.problem && Array.isArray(error.problem.errors) ? error.problem.errors.filter((e) => e && e.line !== undefined) : [];
  return h('div', { class: 'alert error' }, h('p', { text: error.message }),
    items.length ? h('ul', {}, items.map((e) => h('li', { text: `${t('upload.line', { line: e.line })}: ${e.message}` }))) : null);
}
