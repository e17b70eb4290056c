// One past interview: its report and the whole transcript, with download, delete and weak spots.
import { h, icon, formatDate, formatDuration } from '../dom.js';
import { t, lang } from '../i18n.js';
import { api } from '../api.js';
import { feedbackBody, reportCard, examinerBadge, statusBadge } from '../render.js';
import { verdictCard } from '../verdict.js';
import { showError } from '../ui.js';
import { planLine, originBadge, reportButton, tailoredTexts } from '../tailoring.js';
import { startWeakSpots, deleteInterview } from './history.js';

/**
 * The candidate's own recording of a spoken answer, when one was kept ("keep my recordings"), to
 * play next to its transcript: hearing yourself is how spoken practice improves.
 */
function recordingPlayer(interviewId, turn, keeping) {
  const answer = turn.answer;
  // the answer says whether its audio was kept where the server tells; otherwise a spoken answer
  // may have one while the candidate keeps recordings
  const kept = answer.recording ?? answer.hasRecording ?? keeping;
  if (answer.inputMode !== 'voice' || !kept) return null;
  const audio = h('audio', { controls: true, preload: 'none', src: api.recordingUrl(interviewId, turn.id), 'data-testid': 'recording', 'aria-label': t('review.recording') });
  const wrap = h('div', { class: 'recording' }, h('span', { class: 'hint', text: t('review.recording') }), audio);
  // gone since the page was built (deleted, or never kept): no broken player
  audio.addEventListener('error', () => wrap.remove());
  return wrap;
}

export async function renderReview(main, { params, navigate }) {
  const [interview, speech] = await Promise.all([api.interview(params[0]), api.speech().catch(() => null)]);
  document.title = `${t('review.title')} · ${interview.bankTitle} · Rehearse`;
  const language = interview.language || 'en';

  const weak = h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'practise-weak-spots' }, icon('target'), t('report.practiseButton'));
  weak.addEventListener('click', async () => {
    weak.disabled = true;
    try {
      await startWeakSpots(interview.bankId, interview.questionCount, navigate);
    } catch (error) {
      weak.disabled = false;
      showError(error);
    }
  });
  const remove = h('button', { type: 'button', class: 'btn btn-danger' }, icon('trash'), t('history.delete'));
  remove.addEventListener('click', async () => {
    try {
      if (await deleteInterview(interview.id)) navigate('/history');
    } catch (error) {
      showError(error);
    }
  });
  const actions = [
    interview.status === 'IN_PROGRESS' ? h('a', { class: 'btn', href: `#/interview/${interview.id}` }, icon('chat'), t('history.resume')) : null,
    h('a', { class: 'btn btn-secondary', href: api.reportUrl(interview.id), download: `rehearse-${interview.id}.md`, id: 'download-report' }, icon('download'), t('report.download')),
    interview.report ? null : weak,
    remove,
  ].filter(Boolean);

  main.append(h('div', { class: 'page-head' },
    h('div', {},
      h('h1', { text: interview.bankTitle }),
      h('p', {}, statusBadge(interview.status), ' ', formatDate(interview.createdAt, lang()), ' · ',
        interview.mode === 'weak-spots' ? t('start.modeWeak') : t('start.modeNormal')),
      planLine(interview.plan)),
    examinerBadge(interview.examiner)));

  const summary = interview.report
    ? reportCard(interview.report, { actions, practise: weak })
    : h('section', { class: 'card' }, h('p', { class: 'muted', text: t('review.noReport') }), h('div', { class: 'report-actions' }, actions));
  summary.classList.add('review-summary');
  main.append(summary);
  const texts = tailoredTexts(interview);
  if (texts) main.append(texts);

  const transcript = h('section', { 'aria-label': t('review.transcript'), class: 'thread', 'data-testid': 'transcript' },
    h('h2', { text: t('review.transcript') }));
  const turns = interview.turns || [];
  let number = 0;
  for (const turn of turns) {
    if (turn.kind !== 'follow-up') number += 1;
    const block = h('div', { class: 'turn-block' },
      h('div', { class: 'turn-label' }, turn.kind === 'follow-up' ? t('chat.followUp') : `${t('chat.question', { n: number })}${turn.category ? ' · ' + turn.category : ''}`,
        ' ', originBadge(turn), ' ', reportButton(interview.id, turn)),
      h('div', { class: 'msg examiner' }, h('div', { class: 'who', 'aria-hidden': 'true', text: 'AI' }),
        h('div', { class: 'bubble' },
          h('div', { class: 'bubble-text', lang: language, text: turn.spokenText || turn.questionText }),
          turn.questionText && turn.questionText !== turn.spokenText ? h('div', { class: 'hint', lang: language, text: `${t('review.asWritten')}: ${turn.questionText}` }) : null)));
    if (turn.answer) {
      block.append(
        h('div', { class: 'msg me' }, h('div', { class: 'who', 'aria-hidden': 'true', text: t('chat.you') }),
          h('div', { class: 'bubble', 'data-testid': 'answer', lang: language, text: turn.answer.text })),
        h('div', { class: 'msg-meta', text: [turn.answer.inputMode === 'voice' ? t('chat.byVoice') : t('chat.byText'),
          turn.answer.durationSeconds != null ? formatDuration(turn.answer.durationSeconds) : null,
          formatDate(turn.answer.answeredAt, lang())].filter(Boolean).join(' · ') }));
      const audio = recordingPlayer(interview.id, turn, !!speech?.keepRecordings);
      if (audio) block.append(audio);
    } else {
      block.append(h('p', { class: 'msg-meta', text: turn.status === 'SKIPPED' ? t('chat.skipped') : t('review.unanswered') }));
    }
    if (turn.feedback) {
      block.append(h('div', { class: 'msg examiner' }, h('div', { class: 'who', 'aria-hidden': 'true', text: 'AI' }),
        h('div', { class: 'bubble feedback-bubble' }, h('span', { class: 'bubble-tag', text: t('chat.feedback') }), feedbackBody(turn.feedback))));
    }
    if (turn.verdict) {
      const followUpOpen = turns.some((x) => x.parentTurnId === turn.id && x.kind === 'follow-up' && x.status === 'ASKED');
      block.append(verdictCard({
        turnId: turn.id, verdict: turn.verdict, delivery: turn.delivery, referenceAnswer: turn.referenceAnswer, keyPoints: turn.keyPoints,
        revealed: turn.kind === 'follow-up' || (turn.revealed ?? !followUpOpen), turnIndex: number, followUp: turn.kind === 'follow-up',
        inputMode: turn.answer?.inputMode, language,
      }));
    } else if (turn.answer && turn.status !== 'GRADED') {
      block.append(h('div', { class: 'alert', text: turn.status === 'FAILED' ? t('chat.gradingFailed') : t('chat.gradingUnfinished') }));
    }
    transcript.append(block);
  }
  main.append(transcript);
}
