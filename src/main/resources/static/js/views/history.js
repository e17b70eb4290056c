// Past interviews: charts of scores over time and by category, the list with its actions, and how
// well each question is mastered by the spaced-review schedule.
import { h, icon, formatDate } from '../dom.js';
import { t, lang } from '../i18n.js';
import { api } from '../api.js';
import { statusBadge } from '../render.js';
import { showError, showInfo, confirmDialog } from '../ui.js';

export async function startWeakSpots(bankId, questionCount, navigate) {
  const interview = await api.createInterview({ bankId, mode: 'weak-spots', questionCount: questionCount || 5 });
  navigate(`/interview/${interview.id}`);
}

export async function deleteInterview(id) {
  const ok = await confirmDialog(t('history.deleteTitle'), t('history.deleteText'), t('history.delete'));
  if (!ok) return false;
  await api.deleteInterview(id);
  showInfo(t('history.deleted'));
  return true;
}

function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

export async function renderHistory(main, { navigate }) {
  document.title = `${t('history.title')} · Rehearse`;
  const [list, progress, mastery] = await Promise.all([api.interviews(0, 100), api.progress(),
    api.reviewMastery().catch(() => null)]);
  const items = list.items || [];
  const charts = [];

  main.append(h('div', { class: 'page-head' },
    h('div', {}, h('h1', { text: t('history.title') }), h('p', { text: t('history.subtitle', { count: list.total ?? items.length }) })),
    h('a', { class: 'btn', href: '#/start' }, icon('plus'), t('report.newInterview'))));

  if (items.length === 0) {
    main.append(h('div', { class: 'card empty' }, icon('chart'), h('h2', { text: t('history.emptyTitle') }), h('p', { text: t('history.emptyText') }),
      h('a', { class: 'btn', href: '#/start', text: t('start.begin') })));
    return;
  }

  // ---- charts ----
  const overall = (progress.overall || []).filter((p) => p.overallScore != null)
    .sort((a, b) => new Date(a.at) - new Date(b.at));
  const categories = (progress.categories || []).filter((c) => c.answers > 0);
  const overTime = h('canvas', { id: 'chart-time', role: 'img', 'aria-label': t('history.chartTimeLabel', { summary: overall.map((p) => Math.round(p.overallScore)).join(', ') }) });
  const byCategory = h('canvas', { id: 'chart-category', role: 'img', 'aria-label': t('history.chartCategoryLabel', { summary: categories.map((c) => `${c.category} ${Math.round(c.average * 10) / 10}`).join(', ') }) });
  main.append(h('div', { class: 'charts' },
    h('section', { class: 'card chart-card' }, h('h2', { text: t('history.chartTime') }),
      overall.length ? h('div', { class: 'chart-box' }, overTime) : h('p', { class: 'muted', text: t('history.chartEmpty') })),
    h('section', { class: 'card chart-card' }, h('h2', { text: t('history.chartCategory') }),
      categories.length ? h('div', { class: 'chart-box' }, byCategory) : h('p', { class: 'muted', text: t('history.chartEmpty') }))));

  if (window.Chart) {
    const Chart = window.Chart;
    const text = cssVar('--text-2');
    const grid = cssVar('--border');
    const brand = cssVar('--brand');
    Chart.defaults.color = text;
    Chart.defaults.font.family = cssVar('--font');
    const locale = lang() === 'zh' ? 'zh-CN' : 'en';
    if (overall.length) {
      charts.push(new Chart(overTime, {
        type: 'line',
        data: {
          labels: overall.map((p) => new Date(p.at).toLocaleDateString(locale, { month: 'short', day: 'numeric' })),
          datasets: [{
            label: t('history.overallScore'), data: overall.map((p) => Math.round(p.overallScore)),
            borderColor: brand, backgroundColor: brand + '33', fill: true, tension: 0.35, pointRadius: 4, pointHoverRadius: 6,
          }],
        },
        options: {
          maintainAspectRatio: false, animation: false,
          scales: { y: { min: 0, max: 100, grid: { color: grid } }, x: { grid: { display: false } } },
          plugins: { legend: { display: false } },
          onClick: (_, elements) => { if (elements[0]) navigate(`/review/${overall[elements[0].index].interviewId}`); },
        },
      }));
    }
    if (categories.length) {
      charts.push(new Chart(byCategory, {
        type: 'bar',
        data: {
          labels: categories.map((c) => c.category),
          datasets: [{
            label: t('history.averageScore'), data: categories.map((c) => Math.round(c.average * 10) / 10),
            backgroundColor: categories.map((c) => (c.average >= 7.5 ? cssVar('--ok') : c.average >= 5 ? cssVar('--warn') : cssVar('--bad'))),
            borderRadius: 6, maxBarThickness: 36,
          }],
        },
        options: {
          maintainAspectRatio: false, animation: false, indexAxis: categories.length > 5 ? 'y' : 'x',
          scales: { y: { min: 0, max: categories.length > 5 ? undefined : 10, grid: { color: grid } }, x: { grid: { display: false }, max: categories.length > 5 ? 10 : undefined, min: 0 } },
          plugins: { legend: { display: false } },
        },
      }));
    }
  }

  // ---- the list ----
  const rows = items.map((item) => {
    const review = h('a', { class: 'btn btn-secondary btn-sm', href: `#/review/${item.id}`, 'aria-label': t('history.openLabel', { title: item.bankTitle, date: formatDate(item.createdAt, lang()) }) }, icon('eye'), t('history.open'));
    // every action says what it does in words, and Delete sits apart from Download at the end
    const download = h('a', { class: 'btn btn-ghost btn-sm', href: api.reportUrl(item.id), download: `rehearse-${item.id}.md`, 'data-action': 'download', 'aria-label': t('history.downloadLabel', { title: item.bankTitle }) }, icon('download'), t('history.download'));
    const weak = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', 'data-action': 'weak-spots', 'aria-label': t('history.weakSpotsLabel', { title: item.bankTitle }) }, icon('target'), t('history.weakSpotsShort'));
    const remove = h('button', { type: 'button', class: 'btn btn-danger btn-sm', 'data-action': 'delete', 'aria-label': t('history.deleteLabel', { title: item.bankTitle, date: formatDate(item.createdAt, lang()) }) }, icon('trash'), t('history.delete'));
    const row = h('tr', { 'data-interview': item.id },
      h('td', {}, h('div', { text: item.bankTitle }), h('div', { class: 'hint', text: formatDate(item.createdAt, lang()) })),
      h('td', {}, modeLabel(item.mode), item.style && item.style !== 'neutral' ? h('div', { class: 'hint', text: t(`style.${item.style}`) }) : null),
      h('td', {}, statusBadge(item.status)),
      h('td', { class: 'nowrap', text: `${t('history.questions', { count: item.questionCount ?? 0 })} · ${t('history.answers', { count: item.answered ?? 0 })}` }),
      h('td', {}, item.overallScore != null ? h('span', { class: 'score-pill', text: String(Math.round(item.overallScore)) }) : h('span', { class: 'muted', text: '—' })),
      h('td', {}, h('div', { class: 'actions' }, item.status === 'IN_PROGRESS' ? h('a', { class: 'btn btn-sm', href: `#/interview/${item.id}`, text: t('history.resume') }) : null, review, download, weak, h('span', { class: 'actions-gap', 'aria-hidden': 'true' }), remove)));
    weak.addEventListener('click', async () => {
      weak.disabled = true;
      try {
        await startWeakSpots(item.bankId, item.questionCount, navigate);
      } catch (error) {
        weak.disabled = false;
        showError(error);
      }
    });
    remove.addEventListener('click', async () => {
      try {
        if (await deleteInterview(item.id)) {
          row.remove();
          // the interviews' own rows: the mastery table below has rows of its own
          if (!main.querySelector('#interviews tbody tr')) navigate('/history');
        }
      } catch (error) {
        showError(error);
      }
    });
    return row;
  });

  main.append(h('section', { class: 'card table-card', id: 'interviews' },
    h('h2', { class: 'sr-only', text: t('history.list') }),
    h('table', {},
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', text: t('history.col.interview') }),
        h('th', { scope: 'col', text: t('history.col.mode') }),
        h('th', { scope: 'col', text: t('history.col.status') }),
        h('th', { scope: 'col', text: t('history.col.answered') }),
        h('th', { scope: 'col', text: t('history.col.score') }),
        h('th', { scope: 'col' }, h('span', { class: 'sr-only', text: t('history.col.actions') })))),
      h('tbody', {}, rows))));
  if (mastery && mastery.questions && mastery.questions.length) main.append(masteryTable(mastery.questions));

  // chart colours are read from the theme when drawn: draw again when the system theme flips
  const scheme = window.matchMedia('(prefers-color-scheme: dark)');
  const redraw = () => navigate('/history');
  scheme.addEventListener('change', redraw);

  return () => {
    scheme.removeEventListener('change', redraw);
    charts.forEach((c) => c.destroy());
  };
}

function modeLabel(mode) {
  if (mode === 'weak-spots') return t('start.modeWeak');
  if (mode === 'review') return t('start.modeReview');
  return t('start.modeNormal');
}

/** Per question: the last score, the streak of good reviews and the next review date (soonest first). */
function masteryTable(questions) {
  const now = Date.now();
  const rows = questions.map((q) => {
    const due = new Date(q.dueAt).getTime() <= now;
    return h('tr', { 'data-question': q.questionId },
      h('td', {}, h('div', { class: 'mastery-title', text: q.title }), h('div', { class: 'hint', text: `${q.bankTitle} · ${q.category}` })),
      h('td', {}, h('span', { class: 'score-pill', text: String(Math.round(q.lastScore * 10) / 10) })),
      h('td', { text: t('history.repetitions', { count: q.repetitions }) }),
      h('td', { class: 'nowrap' }, due ? h('span', { class: 'badge warn', text: t('history.dueNow') }) : formatDate(q.dueAt, lang())));
  });
  return h('section', { class: 'card table-card', id: 'mastery' },
    h('h2', { text: t('history.mastery') }),
    h('p', { class: 'hint', text: t('review.hint') }),
    h('table', {},
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', text: t('history.col.question') }),
        h('th', { scope: 'col', text: t('history.col.lastScore') }),
        h('th', { scope: 'col', text: t('history.col.streak') }),
        h('th', { scope: 'col', text: t('history.col.nextReview') }))),
      h('tbody', {}, rows)));
}
