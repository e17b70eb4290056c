// Interviews tailored to a job: the start page's "Tailor to a job" section (job description,
// resume pasted or read from a PDF), how an interview was planned, the "generated" label and the
// report button of a generated question, and the texts in the review.
import { h } from './dom.js';
import { t } from './i18n.js';
import { api } from './api.js';
import { showError } from './ui.js';

/** The start page's optional section: {element, values(), allBanks()}. */
export function tailorSection() {
  const job = h('textarea', { id: 'job-description', rows: 5, maxlength: 8000, placeholder: t('tailor.jobPlaceholder') });
  const resume = h('textarea', { id: 'resume', rows: 5, maxlength: 12000, placeholder: t('tailor.resumePlaceholder') });
  const status = h('span', { class: 'hint', 'aria-live': 'polite' });
  const file = h('input', { type: 'file', id: 'resume-pdf', accept: 'application/pdf,.pdf' });
  file.addEventListener('change', async () => {
    const chosen = file.files && file.files[0];
    if (!chosen) return;
    status.textContent = t('tailor.reading');
    try {
      const read = await api.resumeText(chosen);
      resume.value = read.text;
      status.textContent = t('tailor.read', { pages: read.pages, characters: read.characters });
    } catch (error) {
      status.textContent = '';
      showError(error);
    } finally {
      file.value = '';
    }
  });
  const allBanks = h('input', { type: 'checkbox', id: 'tailor-all-banks' });
  const element = h('details', { class: 'tailor', 'data-testid': 'tailor' },
    h('summary', { text: t('tailor.title') }),
    h('p', { class: 'hint', text: t('tailor.hint') }),
    h('div', { class: 'field' }, h('label', { for: 'job-description', text: t('tailor.job') }), job),
    h('div', { class: 'field' }, h('label', { for: 'resume', text: t('tailor.resume') }), resume),
    h('div', { class: 'field' }, h('label', { for: 'resume-pdf', text: t('tailor.pdf') }), file, status),
    h('label', { class: 'switch', for: 'tailor-all-banks' }, allBanks, t('tailor.allBanks')),
    h('p', { class: 'hint', text: t('tailor.privacy') }));
  return {
    element,
    values: () => ({ jobDescription: job.value.trim(), resume: resume.value.trim() }),
    allBanks: () => allBanks.checked,
  };
}

/** How the interview was planned, for its header; null when it was not tailored. */
export function planLine(plan) {
  if (!plan || plan.method === 'bank') return null;
  const phases = (plan.phases || []).map((phase) => t(`tailor.phase.${phase}`, null) || phase).join(' → ');
  const method = t(`tailor.method.${plan.method}`, null) || plan.method;
  const note = plan.fallback ? t(`tailor.fallback.${plan.fallback}`, null) || plan.note : t(`tailor.note.${plan.method}`, null) || plan.note;
  return h('div', { class: 'plan-line', 'data-testid': 'plan' },
    h('span', { class: `badge ${plan.fallback ? 'warn' : 'live'}`, text: method }),
    phases ? h('span', { class: 'hint', text: ` ${phases}` }) : null,
    note ? h('p', { class: 'hint', text: note }) : null);
}

/** The label of a question not taken from a bank; null for a bank question. */
export function originBadge(turn) {
  if (!turn || !turn.origin || turn.origin === 'bank') return null;
  return h('span', { class: 'badge warn origin', 'data-testid': 'origin', text: t(`tailor.origin.${turn.origin}`, null) || turn.origin });
}

/** The button that reports a bad generated question (on the question itself, not its follow-ups). */
export function reportButton(interviewId, turn) {
  if (!turn || turn.origin !== 'generated' || turn.kind === 'follow-up') return null;
  const button = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', 'data-testid': 'report-question', text: t('tailor.report') });
  button.addEventListener('click', async () => {
    const reason = await askReason();
    if (reason === null) return;
    button.disabled = true;
    try {
      await api.reportQuestion(interviewId, turn.questionId, reason.slice(0, 1000));
      button.textContent = t('tailor.reported');
    } catch (error) {
      button.disabled = false;
      showError(error);
    }
  });
  return button;
}

/** A modal asking what is wrong with the question; resolves the reason, or null when cancelled. */
function askReason() {
  return new Promise((resolve) => {
    const reason = h('textarea', { id: 'report-reason', rows: 3, maxlength: 1000, placeholder: t('tailor.reportPlaceholder') });
    const cancel = h('button', { type: 'button', class: 'btn btn-secondary', text: t('action.cancel') });
    const send = h('button', { type: 'button', class: 'btn', 'data-testid': 'send-report', text: t('tailor.report') });
    const dialog = h('dialog', { 'aria-labelledby': 'report-title' },
      h('h2', { id: 'report-title', text: t('tailor.reportTitle') }),
      h('p', { class: 'muted', text: t('tailor.reportText') }),
      h('label', { for: 'report-reason', class: 'hint', text: t('tailor.reportReason') }), reason,
      h('div', { class: 'dialog-actions' }, cancel, send));
    let result = null;
    cancel.addEventListener('click', () => dialog.close());
    send.addEventListener('click', () => { result = reason.value.trim(); dialog.close(); });
    dialog.addEventListener('close', () => { dialog.remove(); resolve(result); });
    document.body.append(dialog);
    dialog.showModal();
    reason.focus();
  });
}

/** The job description and resume an interview was tailored to, folded; null when none. */
export function tailoredTexts(interview) {
  if (!interview.jobDescription && !interview.resume) return null;
  return h('details', { class: 'card tailored-texts', 'data-testid': 'tailored-texts' },
    h('summary', { text: t('tailor.texts') }),
    interview.jobDescription ? h('h3', { text: t('tailor.job') }) : null,
    interview.jobDescription ? h('p', { class: 'prewrap', text: interview.jobDescription }) : null,
    interview.resume ? h('h3', { text: t('tailor.resume') }) : null,
    interview.resume ? h('p', { class: 'prewrap', text: interview.resume }) : null);
}
