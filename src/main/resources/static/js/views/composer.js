// The answer box: one compact line that grows while typing (up to a few lines, so it never hides
// the feedback above it, also on a phone), the microphone, and the answer timer. The timer starts
// at the first keystroke or microphone press, not when the question appears: reading the question
// and thinking are not part of the answer's duration. An answer counts as spoken ("voice") only
// when most of its text came from the microphone.
import { h, icon, formatDuration } from '../dom.js';
import { t } from '../i18n.js';
import { showError, showInfo } from '../ui.js';
import { stopSpeaking, recognitionSupported, listen } from '../speech.js';

/** The counter appears once an answer is this close to the limit, before Send is pressed. */
const COUNTER_FROM = 0.8;

/** Builds the composer; onSend() is called on Enter or the send button; maxChars is the examiner's limit. */
export function createComposer({ language, onSend, onDraft, maxChars = 4000 }) {
  let recognizer = null;
  let timer = null;
  let startedAt = null;
  let voiceChars = 0;

  const input = h('textarea', { id: 'answer', rows: 1, 'aria-label': t('chat.answerLabel'), placeholder: t('chat.placeholder') });
  const interim = h('div', { class: 'interim', 'aria-live': 'polite', hidden: true });
  const timerEl = h('span', { class: 'timer paused', role: 'timer', 'aria-label': t('chat.timer') }, '00:00');
  const micButton = h('button', { type: 'button', class: 'btn btn-ghost btn-icon', id: 'mic', 'aria-pressed': 'false', 'aria-label': t('chat.voiceStart'), title: t('chat.voiceStart') }, icon('mic'));
  const sendButton = h('button', { type: 'button', class: 'btn', id: 'send', 'aria-label': t('chat.send'), title: t('chat.send') }, icon('send'), h('span', { class: 'send-label', text: t('chat.send') }));
  // Enter and Shift+Enter mean nothing on a phone's keyboard: no such hint on a touch screen
  const touch = window.matchMedia('(pointer: coarse)').matches;
  const hint = h('p', { class: 'composer-hint', id: 'composer-hint', text: t('chat.hint'), hidden: touch });
  const counter = h('p', { class: 'composer-counter', id: 'answer-counter', 'aria-live': 'polite', hidden: true });
  const voiceNote = h('p', { class: 'composer-hint', id: 'voice-note', hidden: true });
  input.setAttribute('aria-describedby', 'composer-hint voice-note');
  const element = h('div', { class: 'composer', id: 'composer' },
    interim,
    h('div', { class: 'composer-box' }, micButton, input, timerEl, sendButton),
    counter, hint, voiceNote);

  // ---- the box grows with its text, up to the CSS max-height, then scrolls ----
  function grow() {
    // empty, it is one line (Chrome would measure a wrapped placeholder as text)
    input.style.height = '';
    if (input.value) {
      input.style.height = 'auto';
      input.style.height = `${input.scrollHeight}px`;
    }
  }
  window.addEventListener('resize', grow);

  // ---- the length, shown near the limit so a long answer is cut before sending, not refused ----
  function count() {
    const length = [...input.value].length;
    const near = length >= maxChars * COUNTER_FROM;
    counter.hidden = !near;
    if (!near) return;
    const over = length > maxChars;
    counter.classList.toggle('over', over);
    counter.textContent = over
      ? t('chat.counterOver', { count: length.toLocaleString(), max: maxChars.toLocaleString(), over: (length - maxChars).toLocaleString() })
      : t('chat.counter', { count: length.toLocaleString(), max: maxChars.toLocaleString() });
  }

  // ---- timer ----
  function tick() {
    timerEl.firstChild.textContent = formatDuration((Date.now() - startedAt) / 1000);
  }
  function startTimer() {
    if (startedAt === null) startedAt = Date.now();
    if (timer) return;
    timerEl.classList.remove('paused');
    tick();
    timer = setInterval(tick, 1000);
  }
  function stopTimer() {
    if (timer) clearInterval(timer);
    timer = null;
    timerEl.classList.add('paused');
  }

  input.addEventListener('input', () => {
    if (input.value) startTimer();
    grow();
    count();
    if (onDraft) onDraft(input.value);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      onSend();
    }
  });
  sendButton.addEventListener('click', () => onSend());

  // ---- voice ----
  if (!recognitionSupported()) {
    voiceNote.textContent = t('chat.noRecognition');
    voiceNote.hidden = false;
    micButton.title = t('chat.noRecognition');
  }
  function stopListening() {
    if (recognizer) recognizer.stop();
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
    startTimer();
    const before = input.value && !/\s$/.test(input.value) ? input.value + ' ' : input.value;
    const voiceBefore = voiceChars;
    try {
      recognizer = listen(language, {
        onText: (settled, guess) => {
          voiceChars = voiceBefore + (settled + guess).length;
          input.value = before + settled + guess;
          interim.textContent = guess ? t('chat.hearing', { text: guess }) : '';
          interim.hidden = !guess;
          grow();
          count();
          if (onDraft) onDraft(input.value);
        },
        onEnd: (error) => {
          recognizer = null;
          interim.hidden = true;
          micButton.setAttribute('aria-pressed', 'false');
          micButton.classList.remove('mic-on');
          micButton.setAttribute('aria-label', t('chat.voiceStart'));
          voiceNote.classList.remove('listening');
          voiceNote.hidden = recognitionSupported();
          if (error && error !== 'aborted' && error !== 'no-speech') showError(t(`voice.error.${error}`, null) || t('voice.error.generic', { code: error }));
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

  return {
    element,
    input,
    /** Enables or disables typing, the microphone and sending. */
    enable(enabled) {
      input.disabled = !enabled;
      sendButton.disabled = !enabled;
      micButton.disabled = !enabled || !recognitionSupported();
    },
    /** A fresh answer for a new question: the saved draft (if any), the timer at zero and idle. */
    reset(draft = '') {
      stopTimer();
      startedAt = null;
      voiceChars = 0;
      timerEl.firstChild.textContent = '00:00';
      input.value = draft;
      grow();
      count();
    },
    /**
     * Takes the answer out of the box: {text, inputMode, durationSeconds}; durationSeconds only
     * when the timer ran (a restored draft sent untouched has no honest duration).
     */
    take() {
      stopListening();
      const text = input.value.trim();
      const answer = { text, inputMode: voiceChars > 0 && voiceChars * 2 >= text.length ? 'voice' : 'text' };
      if (startedAt !== null) answer.durationSeconds = Math.max(1, Math.round((Date.now() - startedAt) / 1000));
      input.value = '';
      grow();
      count();
      stopTimer();
      return answer;
    },
    /** Puts a refused answer back to edit; its timer carries on from where it was. */
    restore(text) {
      input.value = text;
      grow();
      count();
      if (startedAt !== null) startTimer();
    },
    stopTimer,
    focus() {
      input.focus({ preventScroll: true });
    },
    dispose() {
      window.removeEventListener('resize', grow);
      stopTimer();
      stopListening();
    },
  };
}
