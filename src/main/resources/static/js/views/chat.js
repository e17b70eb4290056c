// The interview itself: examiner bubbles (read aloud on request or automatically), answers typed or
// spoken, feedback rendered while it streams, a verdict card per answer, follow-ups in the same
// thread, and the report at the end.
import { h, icon, renderMarkdown, formatDuration } from '../dom.js';
import { t, lang } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { verdictCard, feedbackBody, reportCard, examinerBadge, statusBadge } from '../render.js';
import { showError, showInfo, announce, setBusy, confirmDialog } from '../ui.js';
import { speak, stopSpeaking, synthesisSupported, recognitionSupported, listen } from '../speech.js';

const AUTO_READ_KEY = 'rehearse.autoRead';

export async function renderChat(main, { params, navigate }) {
  const interviewId = params[0];
  let interview = await api.interview(interviewId);
  const language = interview.language || 'en';
  document.title = `${interview.bankTitle || t('chat.title')} · Rehearse`;

  let disposed = false;
  let controller = null;
  let recognizer = null;
  let timer = null;
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
  const head = h('div', { class: 'chat-head' },
    h('div', {},
      h('h1', { text: interview.bankTitle || t('chat.title') }),
      h('div', { class: 'meta' }, examinerBadge(interview.examiner), ' ', interview.mode === 'weak-spots' ? h('span', { class: 'badge warn', text: t('start.modeWeak') }) : null)),
    h('div', { class: 'spacer' }),
    h('div', { class: 'meta', 'aria-live': 'off' }, progressText, h('div', { class: 'progress-bar', 'aria-hidden': 'true' }, progressFill)),
    synthesisSupported() ? h('label', { class: 'switch', for: 'auto-read' }, autoRead, t('chat.autoRead')) : null,
    finishButton);

  const thread = h('div', { class: 'thread', id: 'thread', role: 'log', 'aria-label': t('chat.transcript') });

  // ---- composer ----
  const input = h('textarea', { id: 'answer', rows: 3, 'aria-label': t('chat.answerLabel'), placeholder: t('chat.placeholder') });
  const interim = h('div', { class: 'interim', 'aria-live': 'polite', hidden: true });
  const timerEl = h('span', { class: 'timer', role: 'timer', 'aria-label': t('chat.timer') }, '00:00');
  const micButton = h('button', { type: 'button', class: 'btn btn-ghost btn-icon', id: 'mic', 'aria-pressed': 'false', 'aria-label': t('chat.voiceStart'), title: t('chat.voiceStart') }, icon('mic'));
  const sendButton = h('button', { type: 'button', class: 'btn btn-sm', id: 'send', 'aria-label': t('chat.send') }, icon('send'), t('chat.send'));
  const hint = h('p', { class: 'composer-hint', id: 'composer-hint', text: t('chat.hint') });
  const voiceNote = h('p', { class: 'composer-hint', id: 'voice-note', hidden: true });
  input.setAttribute('aria-describedby', 'composer-hint voice-note');
  const composer = h('div', { class: 'composer', id: 'composer' },
    h('div', { class: 'composer-box' }, interim, input,
      h('div', { class: 'composer-bar' }, micButton, timerEl, h('span', { class: 'spacer' }), sendButton)),
    hint, voiceNote);

  main.append(h('div', { class: 'chat-shell' }, head, thread, composer));

  // ---- state helpers ----
  const turnsById = new Map();
  let usedVoice = false;
  let startedAt = Date.now();

  function updateProgress() {
    const total = interview.questionCount || 0;
    const asked = (interview.turns || []).filter((turn) => turn.kind !== 'follow-up').length;
    const answered = (interview.turns || []).filter((turn) => turn.kind !== 'follow-up' && turn.answer).length;
    progressText.textContent = total ? t('chat.progress', { n: Math.min(asked, total), total }) : '';
    progressFill.style.width = total ? `${Math.round((answered / total) * 100)}%` : '0';
  }

  function scrollDown() {
    requestAnimationFrame(() => window.scrollTo({ top: document.body.scrollHeight, behavior: 'smooth' }));
  }

  function examinerBubble(turn) {
    const follow = turn.kind === 'follow-up';
    const readButton = synthesisSupported()
      ? h('button', { type: 'button', class: 'btn btn-ghost btn-sm', 'aria-label': t('chat.readAloudLabel', { n: turn.index }), onclick: () => speak(turn.spokenText, language) }, icon('speaker'), t('chat.readAloud'))
      : null;
    return h('div', { class: 'msg examiner', 'data-turn': turn.id },
      h('div', { class: 'who', 'aria-hidden': 'true', text: 'AI' }),
      h('div', { class: 'bubble' },
        h('span', { class: `bubble-tag ${follow ? 'follow' : ''}`, text: follow ? t('chat.followUp') : t('chat.question', { n: questionNumber(turn) }) }),
        h('div', { class: 'bubble-text', lang: language, text: turn.spokenText || turn.questionText }),
        turn.category ? h('div', { class: 'hint', text: turn.category }) : null,
        readButton ? h('div', { class: 'bubble-actions' }, readButton) : null));
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

  function renderTurn(turn) {
    turnsById.set(turn.id, turn);
    const nodes = [examinerBubble(turn)];
    if (turn.answer) nodes.push(...answerBubble(turn.answer));
    if (turn.feedback) {
      nodes.push(h('div', { class: 'msg examiner' },
        h('div', { class: 'who', 'aria-hidden': 'true', text: 'AI' }),
        h('div', { class: 'bubble feedback-bubble' }, h('span', { class: 'bubble-tag', text: t('chat.feedback') }), feedbackBody(turn.feedback))));
    }
    if (turn.verdict) nodes.push(verdictCard({ verdict: turn.verdict, delivery: turn.delivery, referenceAnswer: turn.referenceAnswer, turnIndex: questionNumber(turn), followUp: turn.kind === 'follow-up' }));
    if (turn.answer && (turn.status === 'FAILED' || turn.status === 'GRADING')) nodes.push(regradeNotice(turn));
    return nodes;
  }

  function regradeNotice(turn) {
    const button = h('button', { type: 'button', class: 'btn btn-secondary btn-sm' }, icon('refresh'), t('chat.regrade'));
    const notice = h('div', { class: 'alert', role: 'status' },
      h('p', { text: turn.status === 'FAILED' ? t('chat.gradingFailed') : t('chat.gradingUnfinished') }),
      turn.gradingError ? h('p', { class: 'hint', text: turn.gradingError }) : null,
      button);
    button.addEventListener('click', async () => {
      notice.remove();
      await stream(turn, null, (onEvent, signal) => api.regrade(interviewId, turn.id, onEvent, signal));
    });
    return notice;
  }

  function showReport(report) {
    composer.hidden = true;
    finishButton.hidden = true;
    stopTimer();
    const weak = h('button', { type: 'button', class: 'btn btn-secondary' }, icon('target'), t('history.weakSpots'));
    weak.addEventListener('click', async () => {
      weak.disabled = true;
      try {
        const next = await api.createInterview({ bankId: interview.bankId, mode: 'weak-spots', questionCount: interview.questionCount || 5 });
        navigate(`/interview/${next.id}`);
      } catch (error) {
        weak.disabled = false;
        showError(error);
      }
    });
    const card = reportCard(report, { actions: [
      h('a', { class: 'btn', href: `#/review/${interviewId}`, id: 'open-review' }, icon('eye'), t('report.review')),
      h('a', { class: 'btn btn-secondary', href: api.reportUrl(interviewId), download: `rehearse-${interviewId}.md` }, icon('download'), t('report.download')),
      weak,
      h('a', { class: 'btn btn-ghost', href: '#/start' }, icon('plus'), t('report.newInterview')),
    ] });
    thread.append(card);
    requestAnimationFrame(() => card.scrollIntoView({ block: 'start', behavior: 'smooth' }));
  }

  // ---- timer ----
  function startTimer() {
    stopTimer();
    startedAt = Date.now();
    timerEl.classList.remove('paused');
    timerEl.firstChild.textContent = '00:00';
    timer = setInterval(() => { timerEl.firstChild.textContent = formatDuration((Date.now() - startedAt) / 1000); }, 1000);
  }
  function resumeTimer() {
    if (timer) return;
    timerEl.classList.remove('paused');
    timer = setInterval(() => { timerEl.firstChild.textContent = formatDuration((Date.now() - startedAt) / 1000); }, 1000);
  }
  function stopTimer() {
    if (timer) clearInterval(timer);
    timer = null;
    timerEl.classList.add('paused');
  }

  // ---- composer behaviour ----
  function setComposer(enabled) {
    input.disabled = !enabled;
    sendButton.disabled = !enabled;
    micButton.disabled = !enabled || !recognitionSupported();
    finishButton.disabled = !enabled && interview.status !== 'IN_PROGRESS';
  }

  function ask(turn, { read }) {
    current = turn;
    usedVoice = false;
    input.value = sessionStorage.getItem(`rehearse.draft.${turn.id}`) || '';
    setComposer(true);
    startTimer();
    input.focus({ preventScroll: true });
    if (read && autoRead.checked) speak(turn.spokenText, language);
  }

  input.addEventListener('input', () => {
    if (current) sessionStorage.setItem(`rehearse.draft.${current.id}`, input.value);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      send();
    }
  });
  sendButton.addEventListener('click', send);

  if (!recognitionSupported()) {
    voiceNote.textContent = t('chat.noRecognition');
    voiceNote.hidden = false;
    micButton.title = t('chat.noRecognition');
  }
  micButton.addEventListener('click', () => {
    if (recognizer) {
      recognizer.stop();
      return;
    }
    if (!recognitionSupported()) {
      showInfo(t('chat.noRecognition'));
      return;
    }
    stopSpeaking();
    const before = input.value && !/\s$/.test(input.value) ? input.value + ' ' : input.value;
    try {
      recognizer = listen(language, {
        onText: (settled, guess) => {
          usedVoice = true;
          input.value = before + settled + guess;
          interim.textContent = guess ? t('chat.hearing', { text: guess }) : '';
          interim.hidden = !guess;
          if (current) sessionStorage.setItem(`rehearse.draft.${current.id}`, input.value);
        },
        onEnd: (error) => {
          recognizer = null;
          interim.hidden = true;
          micButton.setAttribute('aria-pressed', 'false');
          micButton.classList.remove('mic-on');
          micButton.setAttribute('aria-label', t('chat.voiceStart'));
          voiceNote.hidden = recognitionSupported();
          if (error && error !== 'aborted' && error !== 'no-speech') showError(t(`voice.error.${error}`, null) || t('voice.error.generic', { code: error }));
          input.focus();
        },
      });
      micButton.setAttribute('aria-pressed', 'true');
      micButton.classList.add('mic-on');
      micButton.setAttribute('aria-label', t('chat.voiceStop'));
      voiceNote.textContent = t('chat.listening');
      voiceNote.hidden = false;
      voiceNote.classList.add('listening');
    } catch (error) {
      recognizer = null;
      showError(t('voice.error.generic', { code: error.message }));
    }
  });

  async function send() {
    if (!current || input.disabled) return;
    const text = input.value.trim();
    if (!text) {
      showInfo(t('chat.emptyAnswer'));
      input.focus();
      return;
    }
    if (recognizer) recognizer.stop();
    stopSpeaking();
    const durationSeconds = Math.max(1, Math.round((Date.now() - startedAt) / 1000));
    const answer = { text, inputMode: usedVoice ? 'voice' : 'text', durationSeconds };
    const turn = current;
    input.value = '';
    await stream(turn, answer, (onEvent, signal) => api.answer(interviewId, turn.id, answer, onEvent, signal));
  }

  /** Runs one streamed grading (an answer or a regrade) and renders its events as they come. */
  async function stream(turn, answer, open) {
    setComposer(false);
    stopTimer();
    setBusy(true);
    let answerNodes = null;
    if (answer) {
      answerNodes = answerBubble({ ...answer, answeredAt: null });
      thread.append(...answerNodes);
      answerNodes[1].textContent = t('chat.sending');
    }
    const { wrap, body } = feedbackBubble();
    thread.append(wrap);
    scrollDown();

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
    const render = () => {
      frame = 0;
      renderMarkdown(body, text);
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
      await open((event, data) => {
        if (disposed) return;
        switch (event) {
          case 'saved':
            if (answerNodes) answerNodes[1].textContent = answerMeta({ ...answer, answeredAt: data.answeredAt });
            sessionStorage.removeItem(`rehearse.draft.${turn.id}`);
            break;
          case 'retrying': {
            // never silent: say that the examiner is trying again, under the streaming bubble
            const reason = t(`chat.retryReason.${data.reason}`, null, null) || t('chat.retryReason.connection');
            const line = t('chat.retrying', { reason, attempt: data.attempt, of: data.of });
            if (!retryLine) {
              retryLine = h('p', { class: 'hint', role: 'status', 'data-testid': 'retrying' });
              body.after(retryLine);
            }
            retryLine.textContent = line;
            break;
          }
          case 'feedback':
            clearRetry();
            text += data.delta || '';
            if (!frame) frame = requestAnimationFrame(render);
            flushAnnouncement(false);
            break;
          case 'verdict': {
            sawVerdict = true;
            clearRetry();
            if (frame) cancelAnimationFrame(frame);
            render();
            flushAnnouncement(true);
            body.classList.remove('caret');
            if (!text) body.textContent = t('chat.noFeedbackText');
            thread.append(verdictCard({ verdict: data.verdict, delivery: data.delivery, referenceAnswer: data.referenceAnswer, turnIndex: questionNumber(turn), followUp: turn.kind === 'follow-up' }));
            announce(t('chat.announceScore', { score: Math.round(data.verdict.score * 10) / 10 }));
            Object.assign(turn, { status: 'GRADED', verdict: data.verdict, answer: turn.answer || answer, feedback: text });
            updateProgress();
            scrollDown();
            break;
          }
          case 'question': {
            next = true;
            const newTurn = data.turn;
            interview.turns = [...(interview.turns || []), newTurn];
            thread.append(examinerBubble(newTurn));
            updateProgress();
            announce(`${newTurn.kind === 'follow-up' ? t('chat.followUp') : t('chat.question', { n: questionNumber(newTurn) })}: ${newTurn.spokenText}`);
            ask(newTurn, { read: true });
            scrollDown();
            break;
          }
          case 'finished':
            next = true;
            interview.status = 'FINISHED';
            current = null;
            announce(t('chat.announceFinished', { score: Math.round(data.report?.overallScore ?? 0) }));
            showReport(data.report || {});
            break;
          case 'error':
            failed = true;
            clearRetry();
            body.classList.remove('caret');
            if (!text) body.replaceChildren();
            body.append(h('p', { class: 'field-error', role: 'alert', text: data.message || t('chat.gradingFailed') }));
            thread.append(regradeNotice(turn));
            turn.status = 'FAILED';
            break;
          default:
            break;
        }
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
        input.value = answer.text;
      } else if (answerNodes) {
        answerNodes[1].textContent = t('chat.notSaved');
      }
      showError(error);
      if (error instanceof ApiError && error.status === 409) {
        await reload();
      } else if (answer) {
        setComposer(true);
        resumeTimer();
        input.focus();
      }
      return;
    } finally {
      controller = null;
      setBusy(false);
    }
    if (!disposed && sawVerdict && !next) {
      // the verdict came but not what follows it: ask the server where the interview stands
      await reload();
    }
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
    const turns = [...(interview.turns || [])];
    current = interview.currentTurn || null;
    if (current && !turns.some((x) => x.id === current.id)) turns.push(current);
    interview.turns = turns;
    for (const turn of turns) thread.append(...renderTurn(turn));
    updateProgress();
    if (interview.status === 'IN_PROGRESS' && current && current.status === 'ASKED') {
      composer.hidden = false;
      ask(current, { read: turns.length === 1 && !current.answer });
    } else {
      setComposer(false);
      if (interview.status !== 'IN_PROGRESS') {
        composer.hidden = true;
        finishButton.hidden = true;
        if (interview.report) showReport(interview.report);
        else thread.append(h('div', { class: 'alert info' }, statusBadge(interview.status), ' ', t('chat.ended')));
      }
    }
    scrollDown();
  }

  draw();

  return () => {
    disposed = true;
    stopTimer();
    stopSpeaking();
    if (recognizer) recognizer.stop();
    if (controller) controller.abort();
  };
}
