// The interview itself: examiner bubbles (read aloud on request or automatically), answers typed or
// spoken, feedback rendered while it streams, a verdict card per answer, follow-ups in the same
// thread (with a Skip button), and the report at the end.
import { h, icon, renderMarkdown, formatDuration } from '../dom.js';
import { t } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { feedbackBody, reportCard, examinerBadge, statusBadge } from '../render.js';
import { planLine, originBadge, reportButton } from '../tailoring.js';
import { verdictCard } from '../verdict.js';
import { showError, showInfo, announce, setBusy, confirmDialog } from '../ui.js';
import { say, stopSpeaking, synthesisSupported } from '../speech.js';
import { createHandsFree } from '../handsfree.js';
import { createComposer } from './composer.js';
import { startWeakSpots } from './history.js';

const AUTO_READ_KEY = 'rehearse.autoRead';
const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

export async function renderChat(main, { params, navigate, session }) {
  const interviewId = params[0];
  // what speaks and listens; before a server that knows, the browser's own speech stands in
  const [loaded, speech, examiner] = await Promise.all([api.interview(interviewId),
    api.speech().catch(() => ({ transcription: 'browser', synthesis: 'browser', keepRecordings: false })),
    session.examiner ? Promise.resolve(session.examiner) : api.examiner().catch(() => null)]);
  session.examiner = examiner || session.examiner;
  let interview = loaded;
  const serverVoice = speech.synthesis === 'server';
  const language = interview.language || 'en';
  document.title = `${interview.bankTitle || t('chat.title')} · Rehearse`;

  let disposed = false;
  let controller = null;
  let current = interview.currentTurn || null;

  // ---- header ----
  const progressFill = h('span');
  const progressText = h('span', { class: 'meta' });
  const autoRead = h('input', { type: 'checkbox', id: 'auto-read', checked: localStorage.getItem(AUTO_READ_KEY) === 'true' });
  autoRead.addEventListener('change', () => {
    localStorage.setItem(AUTO_READ_KEY, String(autoRead.checked));
    if (!autoRead.checked) stopSpeaking();
  });
  const finishButton = h('button', { type: 'button', class: 'btn btn-secondary btn-sm', id: 'finish-interview' }, icon('flag'), t('chat.finish'));
  const handsFree = createHandsFree({
    interviewId, language, speech,
    submit: (turn, answer) => submit(turn, answer),
    onStart: () => { composer.element.hidden = true; },
    onLeave: (text) => {
      composer.element.hidden = interview.status !== 'IN_PROGRESS';
      if (text) composer.restore(text);
      composer.focus();
    },
  });
  const head = h('div', { class: 'chat-head' },
    h('div', {},
      h('h1', { text: interview.bankTitle || t('chat.title') }),
      h('div', { class: 'meta' }, examinerBadge(interview.examiner), ' ', interview.mode === 'weak-spots' ? h('span', { class: 'badge warn', text: t('start.modeWeak') }) : null),
      planLine(interview.plan)),
    h('div', { class: 'spacer' }),
    h('div', { class: 'meta', 'aria-live': 'off' }, progressText, h('div', { class: 'progress-bar', 'aria-hidden': 'true' }, progressFill)),
    synthesisSupported() || serverVoice ? h('label', { class: 'switch', for: 'auto-read' }, autoRead, t('chat.autoRead')) : null,
    handsFree.button, handsFree.settings, finishButton, handsFree.note);

  const thread = h('div', { class: 'thread', id: 'thread', role: 'log', 'aria-label': t('chat.transcript') });
  const composer = createComposer({
    language,
    maxChars: examiner?.maxAnswerChars || 4000,
    onSend: () => send(),
    onDraft: (text) => { if (current) sessionStorage.setItem(`rehearse.draft.${current.id}`, text); },
  });

  main.append(h('div', { class: 'chat-shell' }, head, thread, h('div', { class: 'chat-foot' }, composer.element, handsFree.panel)));

  // ---- state helpers ----
  const cards = new Map(); // question turn id → its verdict card, to reveal it later

  function updateProgress() {
    const total = interview.questionCount || 0;
    const asked = (interview.turns || []).filter((turn) => turn.kind !== 'follow-up').length;
    const answered = (interview.turns || []).filter((turn) => turn.kind !== 'follow-up' && turn.answer).length;
    progressText.textContent = total ? t('chat.progress', { n: Math.min(asked, total), total }) : '';
    progressFill.style.width = total ? `${Math.round((answered / total) * 100)}%` : '0';
  }

  function scrollToBottom(smooth = true) {
    window.scrollTo({ top: document.documentElement.scrollHeight, behavior: smooth && !reducedMotion() ? 'smooth' : 'instant' });
  }

  /** Brings a card's header into view below the top bar; what follows stays below it. */
  function scrollToCard(node) {
    requestAnimationFrame(() => node.scrollIntoView({ block: 'start', behavior: reducedMotion() ? 'instant' : 'smooth' }));
  }

  function examinerBubble(turn) {
    const follow = turn.kind === 'follow-up';
    const readButton = synthesisSupported() || serverVoice
      ? h('button', { type: 'button', class: 'btn btn-ghost btn-sm', 'aria-label': t('chat.readAloudLabel', { n: turn.index }), onclick: () => say(turn.spokenText, language, { server: serverVoice }) }, icon('speaker'), t('chat.readAloud'))
      : null;
    const skipButton = follow && turn.skippable && turn.status === 'ASKED' && !turn.answer
      ? h('button', { type: 'button', class: 'btn btn-secondary btn-sm', 'data-testid': 'skip-follow-up', 'aria-label': t('chat.skipLabel'), onclick: () => skip(turn) }, t('chat.skip'))
      : null;
    const actions = [readButton, skipButton, reportButton(interviewId, turn)].filter(Boolean);
    return h('div', { class: 'msg examiner', 'data-turn': turn.id },
      h('div', { class: 'who', 'aria-hidden': 'true', text: 'AI' }),
      h('div', { class: 'bubble' },
        h('span', { class: `bubble-tag ${follow ? 'follow' : ''}`, text: follow ? t('chat.followUp') : t('chat.question', { n: questionNumber(turn) }) }),
        originBadge(turn),
        h('div', { class: 'bubble-text', lang: language, text: turn.spokenText || turn.questionText }),
        turn.category ? h('div', { class: 'hint', text: turn.category }) : null,
        turn.status === 'SKIPPED' ? h('div', { class: 'hint', 'data-testid': 'skipped', text: t('chat.skipped') }) : null,
        actions.length ? h('div', { class: 'bubble-actions' }, actions) : null));
  }

  function questionNumber(turn) {
    const mains = (interview.turns || []).filter((x) => x.kind !== 'follow-up');
    const position = mains.findIndex((x) => x.id === turn.id);
    return position >= 0 ? position + 1 : turn.index;
  }

  function answerBubble(answer) {
    const meta = h('div', { class: 'msg-meta' });
    if (answer.answeredAt) meta.textContent = answerMeta(answer);
    return [h('div', { class: 'msg me' },
      h('div', { class: 'who', 'aria-hidden': 'true', text: t('chat.you') }),
      h('div', { class: 'bubble', 'data-testid': 'answer', lang: language, text: answer.text })), meta];
  }

  function answerMeta(answer) {
    const parts = [answer.inputMode === 'voice' ? t('chat.byVoice') : t('chat.byText')];
    if (answer.durationSeconds != null) parts.push(formatDuration(answer.durationSeconds));
    parts.push(t('chat.saved'));
    return parts.join(' · ');
  }

  function feedbackBubble() {
    const body = h('div', { class: 'md caret', 'data-testid': 'feedback' }, h('span', { class: 'typing', 'aria-label': t('chat.grading') }, h('i'), h('i'), h('i')));
    const wrap = h('div', { class: 'msg examiner' },
      h('div', { class: 'who', 'aria-hidden': 'true', text: 'AI' }),
      h('div', { class: 'bubble feedback-bubble' }, h('span', { class: 'bubble-tag', text: t('chat.feedback') }), body));
    return { wrap, body };
  }

  /** A question turn's details stay hidden while its follow-up is open (ASKED). */
  function revealedOf(turn) {
    if (turn.revealed != null) return turn.revealed;
    return !(interview.turns || []).some((x) => x.parentTurnId === turn.id && x.kind === 'follow-up' && x.status === 'ASKED');
  }

  /** The verdict card of a turn; a question's card is remembered so that a skip or follow-up can reveal it. */
  function cardFor(turn) {
    const card = verdictCard({
      turnId: turn.id, verdict: turn.verdict, delivery: turn.delivery, referenceAnswer: turn.referenceAnswer,
      keyPoints: turn.keyPoints, revealed: turn.kind === 'follow-up' ? true : revealedOf(turn), turnIndex: questionNumber(turn),
      followUp: turn.kind === 'follow-up', inputMode: turn.answer?.inputMode, language,
    });
    if (turn.kind !== 'follow-up') cards.set(turn.id, card);
    return card;
  }

  /**
   * Shows a question's card in full once its follow-up is answered or skipped: the reference
   * answer and the details of the points it missed. openReference unfolds the reference at once
   * (after a skip the candidate asked to see it).
   */
  function reveal(parentTurnId, { referenceAnswer, keyPoints, verdict }, { openReference = false } = {}) {
    const parent = (interview.turns || []).find((x) => x.id === parentTurnId);
    if (!parent) return null;
    Object.assign(parent, {
      revealed: true,
      referenceAnswer: referenceAnswer ?? parent.referenceAnswer,
      keyPoints: keyPoints ?? parent.keyPoints,
      verdict: verdict ?? parent.verdict,
    });
    const old = cards.get(parentTurnId);
    if (!old || !parent.verdict) return null;
    const card = cardFor(parent);
    old.replaceWith(card);
    const reference = card.querySelector('[data-testid=reference]');
    if (openReference && reference) reference.open = true;
    return card;
  }

  function renderTurn(turn) {
    const nodes = [examinerBubble(turn)];
    if (turn.answer) nodes.push(...answerBubble(turn.answer));
    if (turn.feedback) {
      nodes.push(h('div', { class: 'msg examiner' },
        h('div', { class: 'who', 'aria-hidden': 'true', text: 'AI' }),
        h('div', { class: 'bubble feedback-bubble' }, h('span', { class: 'bubble-tag', text: t('chat.feedback') }), feedbackBody(turn.feedback))));
    }
    if (turn.verdict) nodes.push(cardFor(turn));
    if (turn.answer && (turn.status === 'FAILED' || turn.status === 'GRADING')) nodes.push(regradeNotice(turn, turn.gradingError));
    return nodes;
  }

  /** Grading failed or did not finish: says so once, with the server's reason, and offers to grade again. */
  function regradeNotice(turn, reason) {
    const button = h('button', { type: 'button', class: 'btn btn-secondary btn-sm' }, icon('refresh'), t('chat.regrade'));
    const notice = h('div', { class: 'alert', role: 'status', 'data-testid': 'grading-failed' },
      h('p', { text: turn.status === 'GRADING' ? t('chat.gradingUnfinished') : t('chat.gradingFailed') }),
      reason ? h('p', { class: 'hint', text: reason }) : null,
      button);
    button.addEventListener('click', async () => {
      notice.remove();
      await stream(turn, null, (onEvent, signal) => api.regrade(interviewId, turn.id, onEvent, signal));
    });
    return notice;
  }

  function showReport(report) {
    composer.element.hidden = true;
    finishButton.hidden = true;
    handsFree.button.hidden = true;
    handsFree.settings.hidden = true;
    composer.stopTimer();
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
    const card = reportCard(report, {
      practise: weak,
      actions: [
        h('a', { class: 'btn', href: `#/review/${interviewId}`, id: 'open-review' }, icon('eye'), t('report.review')),
        h('a', { class: 'btn btn-secondary', href: api.reportUrl(interviewId), download: `rehearse-${interviewId}.md` }, icon('download'), t('report.download')),
        h('a', { class: 'btn btn-ghost', href: '#/start' }, icon('plus'), t('report.newInterview')),
      ],
    });
    thread.append(card);
    scrollToCard(card);
  }

  // ---- composer behaviour ----
  function setComposer(enabled) {
    composer.enable(enabled);
    finishButton.disabled = !enabled && interview.status !== 'IN_PROGRESS';
  }

  function ask(turn, { read }) {
    current = turn;
    composer.reset(sessionStorage.getItem(`rehearse.draft.${turn.id}`) || '');
    setComposer(true);
    composer.focus();
    handsFree.current(turn);
    if (handsFree.active()) {
      composer.element.hidden = true;
      handsFree.ask(turn);
    } else if (read && autoRead.checked) {
      say(turn.spokenText, language, { server: serverVoice });
    }
  }

  /** A new question or follow-up in the thread, ready to answer. */
  function asked(turn) {
    interview.turns = [...(interview.turns || []), turn];
    thread.append(examinerBubble(turn));
    updateProgress();
    announce(`${turn.kind === 'follow-up' ? t('chat.followUp') : t('chat.question', { n: questionNumber(turn) })}: ${turn.spokenText}`);
    ask(turn, { read: true });
  }

  function finished(report) {
    interview.status = 'FINISHED';
    current = null;
    handsFree.finished();
    announce(t('chat.announceFinished', { score: Math.round(report?.overall ?? report?.overallScore ?? 0) }));
    showReport(report || {});
  }

  /** No Skip once the follow-up is being answered, skipped or the interview moved on. */
  function dropSkip(turnId) {
    thread.querySelector(`.msg[data-turn="${turnId}"] [data-testid=skip-follow-up]`)?.remove();
  }

  async function skip(turn) {
    if (controller) return;
    setComposer(false);
    setBusy(true);
    const button = thread.querySelector(`.msg[data-turn="${turn.id}"] [data-testid=skip-follow-up]`);
    if (button) button.disabled = true;
    try {
      const result = await api.skip(interviewId, turn.id);
      if (disposed) return;
      sessionStorage.removeItem(`rehearse.draft.${turn.id}`);
      Object.assign(turn, result.skipped || {}, { status: 'SKIPPED' });
      const bubble = thread.querySelector(`.msg[data-turn="${turn.id}"]`);
      if (bubble) bubble.replaceWith(examinerBubble(turn));
      const parentCard = result.revealed ? reveal(result.revealed.turnId || turn.parentTurnId, result.revealed, { openReference: true }) : null;
      announce(t('chat.announceSkipped'));
      current = null;
      if (result.next) asked(result.next);
      else if (result.report) finished(result.report);
      else await reload();
      if (parentCard && result.next) scrollToCard(parentCard.querySelector('[data-testid=reference]') || parentCard);
    } catch (error) {
      if (disposed) return;
      showError(error);
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        await reload();
      } else {
        if (button) button.disabled = false;
        setComposer(true);
      }
    } finally {
      setBusy(false);
    }
  }

  async function send() {
    if (!current || composer.input.disabled) return;
    if (!composer.input.value.trim()) {
      showInfo(t('chat.emptyAnswer'));
      composer.focus();
      return;
    }
    stopSpeaking();
    await submit(current, composer.take());
  }

  /** Sends an answer (typed, or spoken in hands-free mode); a failed earlier send of it is replaced, never repeated. */
  async function submit(turn, answer) {
    thread.querySelectorAll('[data-testid=answer-failed]').forEach((node) => node.remove());
    await stream(turn, answer, (onEvent, signal) => api.answer(interviewId, turn.id, answer,
      (event, data) => { onEvent(event, data); handsFree.event(event, data); }, signal));
  }

  /** Runs one streamed grading (an answer or a regrade) and renders its events as they come. */
  async function stream(turn, answer, open) {
    setComposer(false);
    composer.stopTimer();
    dropSkip(turn.id);
    setBusy(true);
    let answerNodes = null;
    if (answer) {
      answerNodes = answerBubble({ ...answer, answeredAt: null });
      thread.append(...answerNodes);
      answerNodes[1].textContent = t('chat.sending');
    }
    const { wrap, body } = feedbackBubble();
    thread.append(wrap);
    scrollToBottom(false);

    // The feedback grows at the bottom of the page: keep its newest line in view above the answer
    // box, unless the candidate scrolls away to read something else.
    let follow = true;
    const unfollow = () => { follow = false; };
    const unfollowKeys = (event) => { if (['ArrowUp', 'PageUp', 'Home'].includes(event.key)) follow = false; };
    window.addEventListener('wheel', unfollow, { passive: true });
    window.addEventListener('touchmove', unfollow, { passive: true });
    window.addEventListener('keydown', unfollowKeys);

    let text = '';
    let spoken = '';
    let frame = 0;
    let sawVerdict = false;
    let next = false;
    let failed = false;
    let retryLine = null;
    const clearRetry = () => {
      if (retryLine) retryLine.remove();
      retryLine = null;
    };
    /** One status line under the streaming bubble (queued, retrying), replaced by the next. */
    const status = (line, testid) => {
      if (!retryLine) {
        retryLine = h('p', { class: 'hint', role: 'status' });
        body.after(retryLine);
      }
      retryLine.dataset.testid = testid;
      retryLine.textContent = line;
    };
    const render = () => {
      frame = 0;
      renderMarkdown(body, text);
      if (follow) scrollToBottom(false);
    };
    const flushAnnouncement = (force) => {
      // speak finished sentences only, so the screen reader is not interrupted every token
      const pending = text.slice(spoken.length);
      const cut = force ? pending.length : Math.max(...['。', '！', '？', '. ', '! ', '? ', '\n'].map((m) => pending.lastIndexOf(m) + m.length - 1));
      if (cut > 0 && pending.slice(0, cut).trim()) {
        announce(pending.slice(0, cut).replace(/[#*_`>]/g, '').trim());
        spoken += pending.slice(0, cut);
      }
    };

    controller = new AbortController();
    try {
      // one handler per event name; a new event is one entry here (unknown names are ignored)
      const handlers = {
        saved(data) {
          if (answerNodes) answerNodes[1].textContent = answerMeta({ ...answer, answeredAt: data.answeredAt });
          sessionStorage.removeItem(`rehearse.draft.${turn.id}`);
        },
        queued(data) {
          // saved, waiting for a free grader: say where it stands, under the streaming bubble
          status(t('chat.queued', { position: data.position }), 'queued');
        },
        retrying(data) {
          // never silent: say that the examiner is trying again, under the streaming bubble
          const reason = t(`chat.retryReason.${data.reason}`, null, null) || t('chat.retryReason.connection');
          status(t('chat.retrying', { reason, attempt: data.attempt, of: data.of }), 'retrying');
        },
        feedback(data) {
          clearRetry();
          text += data.delta || '';
          if (!frame) frame = requestAnimationFrame(render);
          flushAnnouncement(false);
        },
        verdict(data) {
          sawVerdict = true;
          follow = false;
          clearRetry();
          if (frame) cancelAnimationFrame(frame);
          render();
          flushAnnouncement(true);
          body.classList.remove('caret');
          if (!text) body.textContent = t('chat.noFeedbackText');
          Object.assign(turn, {
            status: 'GRADED', verdict: data.verdict, delivery: data.delivery, referenceAnswer: data.referenceAnswer,
            keyPoints: data.keyPoints, revealed: data.revealed !== false, answer: turn.answer || answer, feedback: text,
          });
          const card = cardFor(turn);
          thread.append(card);
          if (data.revealed !== false && data.parentTurnId && data.parentTurnId !== turn.id) {
            reveal(data.parentTurnId, { referenceAnswer: data.referenceAnswer, keyPoints: data.keyPoints });
          }
          // the score and the coverage counts, as the card's header shows them
          announce([t('chat.announceScore', { score: Math.round(data.verdict.score * 10) / 10 }),
            card.querySelector('[data-testid=coverage]')?.textContent].filter(Boolean).join(' '));
          updateProgress();
          scrollToCard(card);
        },
        question(data) {
          next = true;
          asked(data.turn);
        },
        finished(data) {
          next = true;
          finished(data.report);
        },
        error(data) {
          failed = true;
          clearRetry();
          body.classList.remove('caret');
          if (!text) wrap.remove();
          turn.status = 'FAILED';
          thread.append(regradeNotice(turn, data.message));
        },
      };
      await open((event, data) => {
        if (disposed || !Object.hasOwn(handlers, event)) return;
        handlers[event](data);
      }, controller.signal);
      if (!disposed && !sawVerdict && !failed) {
        // the stream ended early (connection dropped): grading carries on server-side
        body.classList.remove('caret');
        body.append(h('p', { class: 'field-error', text: t('chat.streamCut') }));
        thread.append(regradeNotice({ ...turn, status: 'GRADING' }));
      }
    } catch (error) {
      if (disposed || error.name === 'AbortError') return;
      wrap.remove();
      const refused = error instanceof ApiError && error.status >= 400 && error.status < 500;
      if (answerNodes && refused) {
        // refused before it was saved (400/409/413/429): give the text back to edit and send again
        answerNodes.forEach((n) => n.remove());
        composer.restore(answer.text);
      } else if (answerNodes) {
        // not sent (network, server): the text goes back in the box and the bubble offers to
        // send it again; sending removes this bubble first, so the answer never shows twice
        composer.restore(answer.text);
        failedSend(answerNodes, turn, answer);
      }
      showError(error);
      if (error instanceof ApiError && error.status === 409) {
        await reload();
      } else if (answer) {
        setComposer(true);
        composer.focus();
      }
      return;
    } finally {
      window.removeEventListener('wheel', unfollow);
      window.removeEventListener('touchmove', unfollow);
      window.removeEventListener('keydown', unfollowKeys);
      controller = null;
      setBusy(false);
    }
    if (!disposed && sawVerdict && !next) {
      // the verdict came but not what follows it: ask the server where the interview stands
      await reload();
    }
  }

  function failedSend([bubble, meta], turn, answer) {
    bubble.classList.add('failed');
    bubble.dataset.testid = 'answer-failed';
    meta.dataset.testid = 'answer-failed';
    const again = h('button', { type: 'button', class: 'btn btn-secondary btn-sm', 'data-testid': 'retry-send' }, icon('refresh'), t('chat.retrySend'));
    again.addEventListener('click', () => {
      if (controller || composer.input.disabled) return;
      stopSpeaking();
      // the box may hold a corrected text by now; it is what the candidate sees and sends
      const text = composer.input.value.trim();
      submit(turn, text ? { ...answer, text: composer.take().text } : answer);
    });
    meta.replaceChildren(h('span', { text: t('chat.notSent') }), ' ', again);
    // after the error's toast has pushed the page down: the bubble and its button above the answer box
    requestAnimationFrame(() => scrollToBottom(false));
  }

  async function reload() {
    interview = await api.interview(interviewId);
    draw();
  }

  finishButton.addEventListener('click', async () => {
    if (!(await confirmDialog(t('chat.finishTitle'), t('chat.finishConfirm'), t('chat.finish')))) return;
    finishButton.disabled = true;
    try {
      interview = await api.finish(interviewId);
      current = null;
      draw();
    } catch (error) {
      finishButton.disabled = false;
      showError(error);
    }
  });

  function draw() {
    thread.replaceChildren();
    cards.clear();
    const turns = [...(interview.turns || [])];
    current = interview.currentTurn || null;
    // one object per turn: what the stream learns about the current turn must be what a later
    // reveal (skip, answered follow-up) finds in the list
    if (current) current = turns.find((x) => x.id === current.id) || (turns.push(current), current);
    interview.turns = turns;
    for (const turn of turns) thread.append(...renderTurn(turn));
    updateProgress();
    if (interview.status === 'IN_PROGRESS' && current && current.status === 'ASKED') {
      composer.element.hidden = false;
      ask(current, { read: turns.length === 1 && !current.answer });
    } else {
      setComposer(false);
      if (interview.status !== 'IN_PROGRESS') {
        composer.element.hidden = true;
        finishButton.hidden = true;
        if (interview.report) showReport(interview.report);
        else thread.append(h('div', { class: 'alert info' }, statusBadge(interview.status), ' ', t('chat.ended')));
      }
    }
    if (!interview.report) requestAnimationFrame(() => scrollToBottom(false));
  }

  draw();

  return () => {
    disposed = true;
    handsFree.dispose();
    composer.dispose();
    stopSpeaking();
    if (controller) controller.abort();
  };
}
