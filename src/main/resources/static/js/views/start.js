// Choosing what to practise: bank, categories, how many questions, mode, the interviewer's style;
// shows who will examine and what is due for spaced review.
import { h, icon, formatDate } from '../dom.js';
import { t, lang } from '../i18n.js';
import { api } from '../api.js';
import { examinerBadge } from '../render.js';
import { showError, confirmDialog } from '../ui.js';
import { uploadPanel } from './upload.js';
import { recognitionSupported, synthesisSupported } from '../speech.js';
import { tailorSection } from '../tailoring.js';

/** Descriptions longer than this fold to two lines, so the start button stays above the fold. */
const LONG_DESCRIPTION = 140;

function foldButton(i) {
  const button = h('button', { type: 'button', class: 'btn btn-ghost btn-sm bank-more', 'aria-expanded': 'false', 'aria-controls': `bank-desc-${i}`, text: t('start.more') });
  button.addEventListener('click', () => {
    const desc = document.getElementById(`bank-desc-${i}`);
    const folded = desc.classList.toggle('folded');
    button.setAttribute('aria-expanded', String(!folded));
    button.textContent = folded ? t('start.more') : t('start.less');
  });
  return button;
}

function deleteButton(bank, navigate) {
  const button = h('button', { type: 'button', class: 'btn btn-danger btn-sm bank-delete', 'aria-label': t('upload.deleteNamed', { title: bank.title }) }, icon('trash'), t('upload.delete'));
  button.addEventListener('click', async () => {
    if (!await confirmDialog(t('upload.deleteTitle'), t('upload.deleteText', { title: bank.title }), t('upload.delete'))) return;
    try {
      await api.deleteBank(bank.id);
      navigate('/start');
    } catch (error) {
      showError(error);
    }
  });
  return button;
}

export async function renderStart(main, { session, navigate, query }) {
  document.title = `${t('start.title')} · Rehearse`;
  const [banks, examiner, review] = await Promise.all([
    api.banks(),
    session.examiner ? Promise.resolve(session.examiner) : api.examiner().catch((error) => { showError(error); return null; }),
    // the start page works without it: the due box is left out
    api.reviewDue().catch(() => null),
  ]);
  session.examiner = examiner;

  const head = h('div', { class: 'page-head' },
    h('div', {}, h('h1', { text: t('start.title') }), h('p', { text: t('start.subtitle') })),
    examinerBadge(examiner));

  const upload = uploadPanel({
    onSaved: (bankId) => navigate(`/start?bank=${encodeURIComponent(bankId)}`),
    ownIds: (banks || []).filter((b) => b.owner === 'you').map((b) => b.id),
  });

  if (!banks || banks.length === 0) {
    main.append(head, h('div', { class: 'card empty' }, icon('flag'), h('h2', { text: t('start.noBanks') }), h('p', { text: t('start.noBanksHint') })), upload);
    return;
  }

  const preferred = query.get('bank');
  let selected = banks.find((b) => b.id === preferred) || banks[0];

  const bankList = h('fieldset', { class: 'bank-list' }, h('legend', { text: t('start.bank') }),
    banks.map((bank, i) => h('div', { class: 'bank-option' },
      h('input', { type: 'radio', name: 'bank', id: `bank-${i}`, value: bank.id, checked: bank === selected, onchange: () => { selected = bank; renderCategories(); } }),
      h('label', { for: `bank-${i}` },
        h('span', { class: 'bank-title' }, bank.title, bank.owner === 'you' ? h('span', { class: 'badge bank-owner', text: t('upload.yours') }) : null),
        h('span', { class: 'bank-meta', text: t('start.bankMeta', { count: bank.questionCount, language: t(`language.${bank.language}`, null) || bank.language }) }),
        bank.description ? h('span', { class: `bank-desc${bank.description.length > LONG_DESCRIPTION ? ' folded' : ''}`, id: `bank-desc-${i}`, text: bank.description }) : null),
      bank.description && bank.description.length > LONG_DESCRIPTION ? foldButton(i) : null,
      bank.owner === 'you' ? deleteButton(bank, navigate) : null)));

  const categories = h('fieldset', {});
  const count = h('input', { type: 'number', id: 'question-count', min: 1, max: 20, value: 5, required: true });
  const mode = h('fieldset', {}, h('legend', { text: t('start.mode') }),
    h('div', { class: 'segmented' },
      h('div', { class: 'chip' }, h('input', { type: 'radio', name: 'mode', id: 'mode-normal', value: 'normal', checked: query.get('mode') !== 'weak-spots' }), h('label', { for: 'mode-normal', text: t('start.modeNormal') })),
      h('div', { class: 'chip' }, h('input', { type: 'radio', name: 'mode', id: 'mode-weak', value: 'weak-spots', checked: query.get('mode') === 'weak-spots' }), h('label', { for: 'mode-weak', text: t('start.modeWeak') }))),
    h('p', { class: 'hint', text: t('start.modeHint') }));
  const styles = ['friendly', 'neutral', 'strict'];
  const chosenStyle = styles.includes(query.get('style')) ? query.get('style') : 'neutral';
  // a select beside the number, not a third row: the start button stays above the fold on a laptop
  // its hint is the select's title: a line under it pushed Start below the fold beside the tailoring section
  const styleSelect = h('select', { id: 'interview-style', name: 'style', title: t('start.styleHint') },
    styles.map((name) => h('option', { value: name, selected: name === chosenStyle, text: t(`style.${name}`) })));
  const style = h('div', { class: 'field' }, h('label', { for: 'interview-style', text: t('start.style') }), styleSelect);
  const styleOf = () => styleSelect.value;

  function renderCategories() {
    categories.replaceChildren(
      h('legend', {}, t('start.categories'), ' ', h('span', { class: 'hint', text: t('start.categoriesHint') })),
      h('div', { class: 'chips' }, (selected.categories || []).map((c, i) => h('div', { class: 'chip' },
        h('input', { type: 'checkbox', name: 'category', id: `cat-${i}`, value: c.name }),
        h('label', { for: `cat-${i}` }, c.name, h('span', { class: 'count', text: String(c.questionCount) }))))));
    count.max = String(Math.max(1, Math.min(20, selected.questionCount || 20)));
    if (Number(count.value) > Number(count.max)) count.value = count.max;
  }
  renderCategories();

  const tailor = tailorSection();
  const submit = h('button', { type: 'submit', class: 'btn', id: 'start-interview' }, icon('chat'), t('start.begin'));
  const form = h('form', { class: 'card', 'aria-label': t('start.title') },
    bankList, categories,
    // the number, the mode and the style side by side: the start button stays above the fold on a laptop
    h('div', { class: 'row start-row' },
      h('div', { class: 'field' }, h('label', { for: 'question-count', text: t('start.count') }), count),
      style, mode),
    tailor.element,
    submit);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = [...categories.querySelectorAll('input[name=category]:checked')].map((i) => i.value);
    const spec = {
      bankId: selected.id,
      questionCount: Math.max(1, Math.min(Number(count.max), Number(count.value) || 1)),
      mode: form.querySelector('input[name=mode]:checked').value,
      style: styleOf(),
    };
    if (chosen.length) spec.categories = chosen;
    const { jobDescription, resume } = tailor.values();
    if (jobDescription) spec.jobDescription = jobDescription;
    if (resume) spec.resume = resume;
    // tailored to a job without a bank: the questions come from every bank
    if ((jobDescription || resume) && tailor.allBanks()) delete spec.bankId;
    submit.disabled = true;
    try {
      const interview = await api.createInterview(spec);
      navigate(`/interview/${interview.id}`);
    } catch (error) {
      showError(error);
      submit.disabled = false;
    }
  });

  const support = [];
  if (!recognitionSupported()) support.push(t('support.noRecognition'));
  if (!synthesisSupported()) support.push(t('support.noSynthesis'));

  const side = h('aside', { class: 'card side-card' },
    review ? dueBox(review, styleOf, navigate) : null,
    h('h3', { text: t('start.howTitle') }),
    h('ol', {}, h('li', { text: t('start.how1') }), h('li', { text: t('start.how2') }), h('li', { text: t('start.how3') }), h('li', { text: t('start.how4') })),
    support.length ? h('div', { class: 'alert info' }, support.join(' ')) : null);

  main.append(head, h('div', { class: 'start-layout' }, form, side), upload);
}

/** "Due for review": how many questions came due and a button that starts an interview of them. */
function dueBox(review, styleOf, navigate) {
  const box = h('section', { class: 'review-due', id: 'review-due', 'aria-labelledby': 'review-due-title' },
    h('h3', { id: 'review-due-title' }, icon('target'), ' ', t('review.dueTitle')));
  if (review.count > 0) {
    const start = h('button', { type: 'button', class: 'btn btn-secondary btn-sm', id: 'start-review' }, icon('chat'), t('review.start'));
    start.addEventListener('click', async () => {
      start.disabled = true;
      try {
        const interview = await api.createInterview({ mode: 'review', style: styleOf() });
        navigate(`/interview/${interview.id}`);
      } catch (error) {
        showError(error);
        start.disabled = false;
      }
    });
    box.append(h('p', { class: 'review-count', text: t('review.dueCount', { count: review.count }) }), start);
  } else {
    box.append(h('p', { class: 'muted', text: review.nextDueAt ? t('review.nextDue', { date: formatDate(review.nextDueAt, lang()) }) : t('review.none') }));
  }
  box.append(h('p', { class: 'hint', text: t('review.hint') }));
  return box;
}
