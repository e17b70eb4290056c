// Pieces shown both in the live chat and on the review page: the verdict card and the report.
import { h, icon, renderMarkdown } from './dom.js';
import { t } from './i18n.js';

function tone(score, max) {
  const ratio = score / max;
  return ratio >= 0.75 ? 'good' : ratio >= 0.5 ? 'mid' : 'low';
}

/** A circular score: value of max (10 for an answer, 100 for an interview). */
export function scoreRing(score, max, label) {
  const value = Number(score);
  const shown = Number.isFinite(value) ? (max === 10 ? Math.round(value * 10) / 10 : Math.round(value)) : '–';
  const ring = h('div', { class: `score-ring ${Number.isFinite(value) ? tone(value, max) : ''}`, role: 'img', 'aria-label': label || t('verdict.scoreLabel', { score: shown, max }) },
    h('span', {}, h('div', {}, String(shown), h('small', { text: `/ ${max}` }))));
  ring.style.setProperty('--p', Number.isFinite(value) ? String((value / max) * 100) : '0');
  return ring;
}

const COVERAGE = { COVERED: 'covered', PARTLY: 'partly', MISSED: 'missed' };
const COVERAGE_MARK = { COVERED: 'check', PARTLY: 'half', MISSED: 'x' };

function keyPointList(points) {
  return h('ul', { class: 'kp-list' }, points.map((p) => h('li', { class: `kp ${COVERAGE[p.coverage] || 'missed'}` },
    h('span', { class: 'kp-icon', 'aria-hidden': 'true' }, icon(COVERAGE_MARK[p.coverage] || 'x')),
    h('div', {},
      h('span', { class: 'sr-only', text: t(`verdict.coverage.${p.coverage}`) + ': ' }),
      h('span', { class: 'kp-point', text: p.title }),
      p.evidence ? h('blockquote', { class: 'kp-evidence', text: `“${p.evidence}”` }) : null))));
}

function deliveryStats(delivery) {
  if (!delivery) return null;
  const stats = [];
  stats.push([delivery.characters, t('delivery.characters')]);
  if (delivery.words) stats.push([delivery.words, t('delivery.words')]);
  if (delivery.perMinute != null) {
    stats.push([Math.round(delivery.perMinute), delivery.perMinuteUnit === 'characters' ? t('delivery.cpm') : t('delivery.wpm')]);
  }
  stats.push([delivery.fillerCount ?? 0, t('delivery.fillers')]);
  const fillers = Object.entries(delivery.fillers || {}).filter(([, n]) => n > 0);
  return h('div', { class: 'kp-group' },
    h('h4', { text: t('verdict.delivery') }),
    h('div', { class: 'stats' }, stats.filter(([v]) => v != null).map(([v, label]) => h('div', { class: 'stat' }, h('b', { text: String(v) }), h('span', { text: label })))),
    fillers.length ? h('p', { class: 'hint', text: t('delivery.fillerList') + ' ' + fillers.map(([w, n]) => `${w} ×${n}`).join(', ') }) : null);
}

/**
 * The verdict card: score, key points covered (with the candidate's words as evidence), partly,
 * missed, delivery figures, strengths and improvements, and the reference answer.
 */
export function verdictCard({ verdict, delivery, referenceAnswer, turnIndex, followUp = false, compact = false }) {
  const points = verdict.keyPoints || [];
  const groups = ['COVERED', 'PARTLY', 'MISSED']
    .map((c) => [c, points.filter((p) => p.coverage === c)])
    .filter(([, list]) => list.length > 0)
    .map(([c, list]) => h('div', { class: 'kp-group' }, h('h4', { text: `${t(`verdict.group.${c}`)} · ${list.length}` }), keyPointList(list)));
  const covered = points.filter((p) => p.coverage === 'COVERED').length;
  const provenance = verdict.provenance || {};
  const card = h('section', { class: 'verdict', 'aria-label': t('verdict.title'), 'data-testid': 'verdict' },
    h('div', { class: 'verdict-head' },
      scoreRing(verdict.score, 10),
      h('div', {},
        h('div', { class: 'verdict-title', text: followUp ? t('verdict.titleFollowUp') : turnIndex ? t('verdict.titleFor', { n: turnIndex }) : t('verdict.title') }),
        h('div', { class: 'verdict-sub', text: t('verdict.summary', { covered, total: points.length }) }))),
    h('div', { class: 'verdict-body' },
      groups,
      (verdict.strengths || []).length ? h('div', { class: 'kp-group' }, h('h4', { text: t('verdict.strengths') }), h('ul', { class: 'notes' }, verdict.strengths.map((s) => h('li', { text: s })))) : null,
      (verdict.improvements || []).length ? h('div', { class: 'kp-group' }, h('h4', { text: t('verdict.improvements') }), h('ul', { class: 'notes' }, verdict.improvements.map((s) => h('li', { text: s })))) : null,
      deliveryStats(delivery),
      referenceAnswer ? referenceBlock(referenceAnswer, compact) : null,
      provenance.examiner ? h('div', { class: 'provenance', text: t('verdict.provenance', {
        who: provenance.examiner === 'offline' ? t('examiner.offline') : `${provenance.model || ''}${provenance.provider ? ' · ' + provenance.provider : ''}`,
      }) + (provenance.fallback ? ' · ' + t('verdict.fallback') : '') }) : null));
  return card;
}

/** The bank's reference answer, revealed once answered; a long one folds to a few lines. */
function referenceBlock(text, compact) {
  const body = h('div', { class: 'reference-text', text });
  const long = text.length > 360;
  let toggle = null;
  if (long) {
    body.classList.add('clamped');
    toggle = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', 'aria-expanded': 'false', text: t('verdict.showAll') });
    toggle.addEventListener('click', () => {
      const open = body.classList.toggle('clamped') === false;
      toggle.setAttribute('aria-expanded', String(open));
      toggle.textContent = open ? t('verdict.showLess') : t('verdict.showAll');
    });
  }
  return h('details', { class: 'reference', open: !compact }, h('summary', { text: t('verdict.reference') }), body, toggle);
}

/** The feedback text, rendered from Markdown and sanitised. */
export function feedbackBody(markdown) {
  const body = h('div', { class: 'md' });
  renderMarkdown(body, markdown);
  return body;
}

/** The final report: overall score, per category, strengths, weaknesses, what to practise next. */
export function reportCard(report, { actions = [] } = {}) {
  const cats = report.categories || [];
  return h('section', { class: 'report', 'aria-label': t('report.title'), 'data-testid': 'report' },
    h('div', { class: 'report-head' },
      scoreRing(report.overallScore, 100),
      h('div', {},
        h('h2', { text: t('report.title') }),
        h('p', { class: 'muted', text: t('report.subtitle') }))),
    cats.length ? h('div', { class: 'cat-bars' }, cats.map((c) => {
      const track = h('div', { class: 'track' }, h('span'));
      track.firstChild.style.width = `${Math.max(0, Math.min(100, Number(c.score) || 0))}%`;
      return h('div', { class: 'cat-bar' }, h('span', { text: c.category }), track, h('b', { text: String(Math.round(c.score ?? 0)) }));
    })) : null,
    h('div', { class: 'report-lists' },
      (report.strengths || []).length ? h('div', { class: 'kp-group' }, h('h4', { text: t('report.strengths') }), foldedList(report.strengths)) : null,
      (report.weaknesses || []).length ? h('div', { class: 'kp-group' }, h('h4', { text: t('report.weaknesses') }), foldedList(report.weaknesses)) : null),
    (report.practiseNext || []).length ? h('div', { class: 'kp-group' }, h('h4', { text: t('report.practiseNext') }),
      h('ul', { class: 'notes' }, report.practiseNext.map((q) => h('li', {}, h('span', { text: q.text }), h('span', { class: 'muted', text: ` · ${q.category}${q.score != null ? ' · ' + (Math.round(q.score * 10) / 10) + '/10' : ''}` }))))) : null,
    actions.length ? h('div', { class: 'report-actions' }, actions) : null);
}

/** A list showing its first few items, with a button for the rest. */
function foldedList(items, shown = 4) {
  const list = h('ul', { class: 'notes' }, items.map((s, i) => h('li', { text: s, hidden: i >= shown })));
  if (items.length <= shown) return list;
  const more = h('button', { type: 'button', class: 'btn btn-ghost btn-sm more', 'aria-expanded': 'false', text: t('report.showMore', { n: items.length - shown }) });
  more.addEventListener('click', () => {
    for (const li of list.children) li.hidden = false;
    more.remove();
  });
  return h('div', {}, list, more);
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
