// Pieces shown both in the live chat and on the review page: the score ring, the feedback, the
// report and the badges (the verdict card has its own module, verdict.js).
import { h, renderMarkdown } from './dom.js';
import { t } from './i18n.js';

function tone(score, max) {
  const ratio = score / max;
  return ratio >= 0.75 ? 'good' : ratio >= 0.5 ? 'mid' : 'low';
}

/** A circular score: value of max (10 for an answer, 100 for an interview). */
export function scoreRing(score, max, label) {
  const value = score == null ? NaN : Number(score);
  const shown = Number.isFinite(value) ? (max === 10 ? Math.round(value * 10) / 10 : Math.round(value)) : '–';
  const ring = h('div', { class: `score-ring ${Number.isFinite(value) ? tone(value, max) : ''}`, role: 'img', 'aria-label': label || t('verdict.scoreLabel', { score: shown, max }) },
    h('span', {}, h('div', {}, String(shown), h('small', { text: `/ ${max}` }))));
  ring.style.setProperty('--p', Number.isFinite(value) ? String((value / max) * 100) : '0');
  return ring;
}

/** The feedback text, rendered from Markdown and sanitised. */
export function feedbackBody(markdown) {
  const body = h('div', { class: 'md' });
  renderMarkdown(body, markdown);
  return body;
}

/**
 * The report as the API gives it: {overall, categories: [{name, score, answered}], strengths,
 * gaps: [{title, category}], practise: [{questionId, questionText, category, score}], answered,
 * language}. Reports stored before that shape (overallScore, weaknesses, practiseNext) still read.
 */
export function reportOf(report) {
  return {
    overall: report.overall ?? report.overallScore ?? null,
    categories: (report.categories || []).map((c) => ({ name: c.name ?? c.category, score: c.score, answered: c.answered ?? c.answers })),
    strengths: (report.strengths || []).slice(0, 3),
    gaps: (report.gaps || (report.weaknesses || []).map((title) => ({ title }))).slice(0, 3),
    practise: (report.practise || (report.practiseNext || []).map((q) => ({ ...q, questionText: q.text }))).slice(0, 2),
    answered: report.graded ?? report.answered,
    language: report.language,
  };
}

/**
 * The final report: overall score, per category, up to three strengths, the three biggest gaps by
 * key point, and one or two questions to practise next beside the weak-spots button (practise).
 */
export function reportCard(raw, { actions = [], practise: practiseButton = null } = {}) {
  const report = reportOf(raw);
  const language = report.language;
  const score = (value) => (value == null ? '' : ` · ${Math.round(value * 10) / 10}/10`);
  return h('section', { class: 'report', 'aria-labelledby': 'report-title', 'data-testid': 'report' },
    h('div', { class: 'report-head' },
      scoreRing(report.overall, 100),
      h('div', {},
        h('h2', { id: 'report-title', text: t('report.title') }),
        h('p', { class: 'muted', text: report.overall == null ? t('report.nothingGraded') : report.answered != null ? t('report.answered', { count: report.answered }) : t('report.subtitle') }))),
    report.categories.length ? h('div', { class: 'cat-bars', 'data-testid': 'report-categories' }, report.categories.map((c) => {
      const track = h('div', { class: 'track' }, h('span'));
      track.firstChild.style.width = `${Math.max(0, Math.min(100, Number(c.score) || 0))}%`;
      return h('div', { class: 'cat-bar' },
        h('span', { class: 'cat-name' }, h('span', { lang: language, text: c.name }), c.answered != null ? h('small', { class: 'muted', text: t('report.categoryAnswered', { count: c.answered }) }) : null),
        track, h('b', { text: String(Math.round(c.score ?? 0)) }));
    })) : null,
    h('div', { class: 'report-lists' },
      report.strengths.length ? h('div', { class: 'kp-group', 'data-testid': 'report-strengths' }, h('h3', { text: t('report.strengths') }),
        h('ul', { class: 'notes', lang: language }, report.strengths.map((s) => h('li', { text: s })))) : null,
      report.gaps.length ? h('div', { class: 'kp-group', 'data-testid': 'report-gaps' }, h('h3', { text: t('report.gaps') }),
        h('ul', { class: 'notes', lang: language }, report.gaps.map((g) => h('li', {}, h('span', { text: g.title }), g.category ? h('span', { class: 'muted', text: ` · ${g.category}` }) : null)))) : null,
      report.practise.length || practiseButton ? h('div', { class: 'kp-group', 'data-testid': 'report-practise' }, h('h3', { text: t('report.practiseNext') }),
        report.practise.length ? h('ul', { class: 'notes', lang: language }, report.practise.map((q) => h('li', {}, h('span', { text: q.questionText || q.text || '' }),
          h('span', { class: 'muted', text: `${q.category ? ' · ' + q.category : ''}${score(q.score)}` })))) : null,
        practiseButton) : null),
    actions.length ? h('div', { class: 'report-actions' }, actions) : null);
}

export function examinerBadge(examiner) {
  const offline = !examiner || examiner.kind === 'offline';
  const label = offline ? t('examiner.offline') : (examiner.label || examiner.model || '');
  return h('span', { class: `examiner-badge ${offline ? 'offline' : ''}`, 'data-testid': 'examiner' },
    h('span', { class: 'led', 'aria-hidden': 'true' }), t('examiner.badge', { name: label }));
}

export function statusBadge(status) {
  const cls = status === 'FINISHED' ? 'done' : status === 'IN_PROGRESS' ? 'live' : 'warn';
  return h('span', { class: `badge ${cls}`, text: t(`status.${status}`) });
}
