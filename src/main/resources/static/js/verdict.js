// The verdict card, read at a glance: the score with "covered · partly · missed", the examiner's
// one-sentence summary and the key points' titles marked ✓ / ~ / ✗. Everything else (what a point
// means, the candidate's words, delivery, strengths and improvements, the reference answer) waits
// behind <details> expanders. Each text appears once: a strength or improvement that only repeats
// a key point's title (the offline examiner's "Add: …") is dropped, the list already says it.
// While a follow-up is open the server withholds the reference answer and the details of the
// points not covered (`revealed: false`); the card says when they will appear.
import { h, renderMarkdown } from './dom.js';
import { t } from './i18n.js';
import { scoreRing } from './render.js';

const COVERAGE = { COVERED: 'covered', PARTLY: 'partly', MISSED: 'missed' };
const MARK = { COVERED: '✓', PARTLY: '~', MISSED: '✗' };

/**
 * The key points judged, each {title, detail, coverage, evidence}; a detail the verdict lacks is
 * taken from the question's own key points (they arrive in full once revealed).
 */
export function pointsOf(verdict, keyPoints) {
  const details = new Map((keyPoints || []).map((p) => [p.title, p.detail || '']));
  return (verdict.keyPoints || []).map((p) => {
    const title = p.title || p.point || '';
    return { title, detail: p.detail || details.get(title) || '', coverage: COVERAGE[p.coverage] ? p.coverage : 'MISSED', evidence: p.evidence || '' };
  });
}

/**
 * Builds the card. turnId ties it to its question (a follow-up's verdict or a skip reveals the
 * card of its parent); followUp cards carry no reference answer, the question's card shows it.
 */
export function verdictCard({ turnId, verdict, delivery, referenceAnswer, keyPoints, revealed = true, turnIndex, followUp = false, inputMode, language }) {
  const points = pointsOf(verdict, keyPoints);
  const count = (c) => points.filter((p) => p.coverage === c).length;
  const counts = { covered: count('COVERED'), partly: count('PARTLY'), missed: count('MISSED'), total: points.length };
  const summary = (verdict.summary || '').trim();
  const provenance = verdict.provenance || {};
  const headId = `verdict-head-${turnId || Math.random().toString(36).slice(2)}`;
  const title = followUp ? t('verdict.titleFollowUp') : turnIndex ? t('verdict.titleFor', { n: turnIndex }) : t('verdict.title');

  const head = h('header', { class: 'verdict-head', 'data-testid': 'verdict-head' },
    scoreRing(verdict.score, 10),
    h('div', { class: 'verdict-glance' },
      h('h3', { class: 'verdict-title', id: headId, text: title }),
      points.length ? h('p', { class: 'verdict-counts', 'data-testid': 'coverage', text: t('verdict.counts', counts) }) : null,
      summary ? h('p', { class: 'verdict-summary', 'data-testid': 'summary', lang: language, text: summary }) : null));

  const body = h('div', { class: 'verdict-body' },
    points.length ? h('ul', { class: 'kp-list', 'aria-label': t('verdict.points'), lang: language }, points.map(pointItem)) : null,
    notesBlock(verdict, points, summary, language),
    deliveryBlock(delivery, inputMode),
    followUp ? null : referenceBlock(referenceAnswer, revealed, language),
    provenance.examiner ? h('p', { class: 'provenance', text: t('verdict.provenance', {
      who: provenance.examiner === 'offline' ? t('examiner.offline') : `${provenance.model || ''}${provenance.provider ? ' · ' + provenance.provider : ''}`,
    }) + (provenance.fallback ? ' · ' + t('verdict.fallback') : '') }) : null);

  return h('section', {
    class: 'verdict', 'aria-labelledby': headId, 'data-testid': 'verdict',
    'data-turn': turnId || null, 'data-revealed': String(revealed !== false),
  }, head, body);
}

/** A key point: its title at a glance; what it means and the candidate's words one click away. */
function pointItem(point) {
  const mark = [
    h('span', { class: 'kp-icon', 'aria-hidden': 'true', text: MARK[point.coverage] }),
    h('span', { class: 'sr-only', text: `${t(`verdict.coverage.${point.coverage}`)}: ` }),
    h('span', { class: 'kp-point', text: point.title }),
  ];
  const detail = point.detail && point.detail !== point.title ? point.detail : '';
  const cls = `kp ${COVERAGE[point.coverage]}`;
  if (!detail && !point.evidence) return h('li', { class: cls }, h('div', { class: 'kp-line' }, mark));
  return h('li', { class: cls },
    h('details', { class: 'kp-more' },
      h('summary', { class: 'kp-line', title: t('verdict.pointDetails') }, mark),
      detail ? h('p', { class: 'kp-detail', text: detail }) : null,
      point.evidence ? h('blockquote', { class: 'kp-evidence' }, h('span', { class: 'sr-only', text: t('verdict.yourWords') + ' ' }), `“${point.evidence}”`) : null));
}

/** Strengths and improvements, less those that only repeat a key point or the summary. */
function notesBlock(verdict, points, summary, language) {
  const strengths = distinct(verdict.strengths, points, summary);
  const improvements = distinct(verdict.improvements, points, summary, strengths);
  if (!strengths.length && !improvements.length) return null;
  return h('details', { class: 'verdict-more', 'data-testid': 'notes' },
    h('summary', { text: t('verdict.notes') }),
    strengths.length ? h('div', { class: 'kp-group' }, h('h4', { text: t('verdict.strengths') }), h('ul', { class: 'notes', lang: language }, strengths.map((s) => h('li', { text: s })))) : null,
    improvements.length ? h('div', { class: 'kp-group' }, h('h4', { text: t('verdict.improvements') }), h('ul', { class: 'notes', lang: language }, improvements.map((s) => h('li', { text: s })))) : null);
}

const normal = (text) => String(text || '').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');

/**
 * The notes that say something new. A note is a repeat when it is a key point's title with a short
 * label around it ("Covers: X", "补充要点：X"), when it quotes a point's detail, or when the summary
 * or an earlier note already holds it.
 */
export function distinct(notes, points, summary, earlier = []) {
  const titles = points.map((p) => normal(p.title)).filter(Boolean);
  const details = points.map((p) => normal(p.detail)).filter((d) => d.length >= 12);
  const seen = [normal(summary), ...earlier.map(normal)].filter(Boolean);
  const kept = [];
  for (const note of notes || []) {
    const n = normal(note);
    if (!n) continue;
    const repeatsTitle = titles.some((title) => n.includes(title) && n.length - title.length <= 14);
    const repeatsDetail = details.some((d) => n.includes(d) || d.includes(n));
    const repeatsSeen = seen.some((s) => s.includes(n) || n.includes(s));
    if (repeatsTitle || repeatsDetail || repeatsSeen) continue;
    seen.push(n);
    kept.push(note);
  }
  return kept;
}

/**
 * Length for a typed answer; for a spoken one also the speaking rate (over speech time), the long
 * pauses and the filler words (a rate of typing would mean nothing, and the timer only starts at
 * the first keystroke anyway).
 */
function deliveryBlock(delivery, inputMode) {
  if (!delivery) return null;
  const voice = (delivery.inputMode || inputMode) === 'voice';
  const stats = [[delivery.characters, t('delivery.characters', { count: delivery.characters })]];
  if (delivery.words && delivery.words !== delivery.characters) stats.push([delivery.words, t('delivery.words', { count: delivery.words })]);
  if (voice && delivery.perMinute != null) {
    stats.push([Math.round(delivery.perMinute), delivery.perMinuteUnit === 'characters' ? t('delivery.cpm') : t('delivery.wpm')]);
  }
  if (voice) stats.push([delivery.fillerCount ?? 0, t('delivery.fillers', { count: delivery.fillerCount ?? 0 })]);
  // pauses are measured from the audio (the recording or the page's own voice detection)
  if (voice && delivery.pauseCount != null) stats.push([delivery.pauseCount, t('delivery.pauses', { count: delivery.pauseCount })]);
  if (voice && delivery.pauseCount > 0 && delivery.longestPauseSeconds != null) {
    stats.push([Math.round(delivery.longestPauseSeconds * 10) / 10, t('delivery.longestPause')]);
  }
  const fillers = voice ? Object.entries(delivery.fillers || {}).filter(([, n]) => n > 0) : [];
  return h('details', { class: 'verdict-more', 'data-testid': 'delivery' },
    h('summary', { text: t('verdict.delivery') }),
    h('div', { class: 'stats' }, stats.filter(([v]) => v != null).map(([v, label]) => h('div', { class: 'stat' }, h('b', { text: String(v) }), h('span', { text: label })))),
    fillers.length ? h('p', { class: 'hint', text: t('delivery.fillerList') + ' ' + fillers.map(([w, n]) => `${w} ×${n}`).join(', ') }) : null,
    voice ? null : h('p', { class: 'hint', text: t('delivery.typedNote') }));
}

/** The bank's reference answer, or, while a follow-up is open, when it will appear. */
function referenceBlock(text, revealed, language) {
  if (revealed === false) {
    return h('details', { class: 'verdict-more reference locked', 'data-testid': 'reference' },
      h('summary', { text: t('verdict.reference') }),
      h('p', { class: 'hint', 'data-testid': 'reference-later', text: t('verdict.referenceLater') }));
  }
  if (!text) return null;
  // banks write their answers in Markdown (code, lists): rendered and sanitised like the feedback
  const body = h('div', { class: 'reference-text md', 'data-testid': 'reference-text', lang: language });
  renderMarkdown(body, text);
  return h('details', { class: 'verdict-more reference', 'data-testid': 'reference' },
    h('summary', { text: t('verdict.reference') }), body);
}
