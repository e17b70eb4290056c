// Hands-free interview mode: the question is read aloud, the microphone opens by itself, the
// page hears when the candidate has finished (vad.js), the recording is transcribed by the server
// (or the browser's recognition listens along when there is no speech server), the transcript
// shows for a moment to correct, the answer is sent, the verdict is summed up aloud in one
// sentence, and the next question starts. Space pauses, R repeats the question, Esc leaves.
import { h, icon } from './dom.js';
import { t } from './i18n.js';
import { api } from './api.js';
import { say, stopSpeaking, pauseSpeaking, recognitionSupported, listen } from './speech.js';
import { detectVoice } from './vad.js';
import { recordingSupported, openMicrophone, closeMicrophone, record } from './recorder.js';
import { showError, showInfo, announce } from './ui.js';

const SETTINGS_KEY = 'rehearse.handsFree';
/** How long the transcript shows before it is sent by itself (unless the candidate edits it). */
const REVIEW_MS = 4000;

/** The candidate's hands-free settings (per browser): the silence that ends a turn, send at once. */
export function handsFreeSettings() {
  let stored = {};
  try {
    stored = JSON.parse(localStorage.getItem(SETTINGS_KEY) || '{}') || {};
  } catch {
    // a damaged setting falls back to the defaults
  }
  const silence = Number(stored.silenceSeconds);
  return {
    silenceSeconds: Number.isFinite(silence) && silence >= 0.8 && silence <= 5 ? silence : 1.8,
    sendAtOnce: stored.sendAtOnce === true,
  };
}

function saveSettings(settings) {
  localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
}

/**
 * How this browser can take a spoken answer: "server" (recorded and transcribed by the speech
 * server), "browser" (the browser's own recognition), or null (it cannot: the page says so).
 */
export function voiceInput(speech) {
  if (!navigator.mediaDevices?.getUserMedia) return null;
  if (speech.transcription === 'server' && recordingSupported()) return 'server';
  if (recognitionSupported()) return 'browser';
  return null;
}

/** The verdict in one spoken sentence, in the bank's language: the score and the examiner's summary. */
export function verdictSentence(verdict, language) {
  const score = Math.round((verdict?.score ?? 0) * 10) / 10;
  const first = String(verdict?.summary || '').trim().split(/(?<=[.!?。！？])\s*/)[0] || '';
  if (String(language).toLowerCase().startsWith('zh')) return first ? `${score} 分：${first}` : `${score} 分（满分 10 分）。`;
  return first ? `${score} out of 10: ${first}` : `${score} out of 10.`;
}

const editable = (el) => el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/**
 * Builds the hands-free controller. submit(turn, answer) sends an answer through the chat and
 * resolves when its stream ends; onStart() hides the answer box; onLeave() gives the page back to the answer box (with text to
 * restore, if any).
 */
export function createHandsFree({ interviewId, language, speech, submit, onStart, onLeave }) {
  const input = voiceInput(speech);
  const serverVoice = speech.synthesis === 'server';
  const settings = handsFreeSettings();

  let active = false;
  let generation = 0; // bumped on leave: every pending step of an older loop stops
  let chain = Promise.resolve();
  let stream = null; // the open microphone
  let turn = null; // the question being answered
  let listening = null; // { vad, recorder, recognizer, abort() } while the microphone listens
  let review = null; // { timer, deadline, stop() } while the transcript shows
  let paused = false;
  let sawSaved = false;

  // ---- the panel ----
  const status = h('p', { class: 'hf-status', id: 'hf-status', role: 'status', 'aria-live': 'polite' });
  const levelBar = h('span');
  const level = h('div', { class: 'hf-level', id: 'hf-level', 'aria-hidden': 'true' }, levelBar);
  const countdown = h('p', { class: 'hf-countdown', id: 'hf-countdown', 'aria-live': 'off' });
  const mic = h('button', { type: 'button', class: 'btn hf-mic', id: 'hf-mic', 'aria-pressed': 'false', 'aria-label': t('handsfree.pause') }, icon('mic'));
  const repeat = h('button', { type: 'button', class: 'btn btn-secondary', id: 'hf-repeat' }, icon('refresh'), t('handsfree.repeat'));
  const leaveButton = h('button', { type: 'button', class: 'btn btn-secondary', id: 'hf-leave' }, icon('x'), t('handsfree.leave'));
  const keys = h('p', { class: 'hint hf-keys', text: t('handsfree.keys') });

  const transcript = h('textarea', { id: 'hf-transcript', rows: 3, lang: language, 'aria-label': t('handsfree.transcriptLabel') });
  const reviewNote = h('p', { class: 'hint', id: 'hf-review-note', 'aria-live': 'polite' });
  const sendNow = h('button', { type: 'button', class: 'btn', id: 'hf-send' }, icon('send'), t('chat.send'));
  const redo = h('button', { type: 'button', class: 'btn btn-secondary', id: 'hf-redo' }, icon('mic'), t('handsfree.redo'));
  const reviewBox = h('div', { class: 'hf-review', id: 'hf-review', hidden: true },
    h('label', { for: 'hf-transcript', text: t('handsfree.transcriptLabel') }), transcript, reviewNote,
    h('div', { class: 'hf-actions' }, sendNow, redo));

  const failedText = h('p', { id: 'hf-failed-text' });
  const retry = h('button', { type: 'button', class: 'btn', id: 'hf-retry' }, icon('refresh'), t('handsfree.retry'));
  const typeInstead = h('button', { type: 'button', class: 'btn btn-secondary', id: 'hf-type' }, t('handsfree.typeInstead'));
  const failedBox = h('div', { class: 'alert hf-failed', id: 'hf-failed', role: 'alert', hidden: true },
    failedText, h('div', { class: 'hf-actions' }, retry, typeInstead));

  const panel = h('section', { class: 'handsfree', id: 'handsfree', 'aria-label': t('handsfree.title'), hidden: true, 'data-state': 'off' },
    h('div', { class: 'hf-main' }, mic, h('div', { class: 'hf-info' }, status, level, countdown)),
    reviewBox, failedBox,
    h('div', { class: 'hf-actions' }, repeat, leaveButton), keys);

  // ---- the switch and the settings ----
  const button = h('button', {
    type: 'button', class: 'btn btn-secondary btn-sm', id: 'handsfree-start', 'aria-pressed': 'false',
    disabled: !input, title: input ? t('handsfree.startHint') : t('handsfree.unavailable'),
  }, icon('wave'), t('handsfree.start'));
  const note = input ? null : h('p', { class: 'hint', id: 'handsfree-unavailable', text: t('handsfree.unavailable') });

  const silence = h('input', { type: 'number', id: 'hf-silence', min: '0.8', max: '5', step: '0.1', value: String(settings.silenceSeconds), inputmode: 'decimal' });
  silence.addEventListener('change', () => {
    const value = Number(silence.value);
    if (Number.isFinite(value) && value >= 0.8 && value <= 5) settings.silenceSeconds = value;
    silence.value = String(settings.silenceSeconds);
    saveSettings(settings);
  });
  const atOnce = h('input', { type: 'checkbox', id: 'hf-send-at-once', checked: settings.sendAtOnce });
  atOnce.addEventListener('change', () => {
    settings.sendAtOnce = atOnce.checked;
    saveSettings(settings);
  });
  const keep = h('input', { type: 'checkbox', id: 'keep-recordings', checked: !!speech.keepRecordings });
  keep.addEventListener('change', async () => {
    keep.disabled = true;
    try {
      await api.speechSettings({ keepRecordings: keep.checked });
      speech.keepRecordings = keep.checked;
      showInfo(keep.checked ? t('handsfree.keepOn') : t('handsfree.keepOff'));
    } catch (error) {
      keep.checked = !keep.checked;
      showError(error);
    } finally {
      keep.disabled = false;
    }
  });
  const settingsBox = h('details', { class: 'voice-settings', id: 'voice-settings' },
    h('summary', { class: 'btn btn-ghost btn-sm' }, t('handsfree.settings')),
    h('div', { class: 'voice-settings-body' },
      h('div', { class: 'field' }, h('label', { for: 'hf-silence', text: t('handsfree.silence') }), silence,
        h('p', { class: 'hint', text: t('handsfree.silenceHint') })),
      h('label', { class: 'switch', for: 'hf-send-at-once' }, atOnce, t('handsfree.sendAtOnce')),
      speech.transcription === 'server'
        ? h('label', { class: 'switch', for: 'keep-recordings' }, keep, t('handsfree.keepRecordings'))
        : null,
      speech.transcription === 'server' ? h('p', { class: 'hint', text: t('handsfree.keepHint') }) : null));

  // ---- state shown in the page ----
  function show(state, text) {
    panel.dataset.state = state;
    status.textContent = text;
    if (state !== 'listening') {
      countdown.textContent = '';
      levelBar.style.width = '0';
    }
    mic.classList.toggle('live', state === 'listening');
  }

  function enqueue(step) {
    const mine = generation;
    chain = chain.then(() => (mine === generation ? step(mine) : null)).catch((error) => {
      if (mine === generation) showError(error);
    });
    return chain;
  }

  const stale = (mine) => mine !== generation || !active;

  // ---- the loop ----
  async function speakQuestion(question, mine) {
    show('speaking', t('handsfree.speaking'));
    await say(question.spokenText || question.questionText, language, { server: serverVoice });
    if (stale(mine)) return false;
    while (paused && !stale(mine)) await new Promise((resolve) => setTimeout(resolve, 150));
    return !stale(mine);
  }

  /** Listens until the candidate has finished speaking; resolves {blob, stats, heard} or null when cut short. */
  function hear(mine) {
    return new Promise((resolve) => {
      const recorder = input === 'server' ? record(stream) : null;
      let heard = '';
      let recognizer = null;
      let recognitionDone = null;
      let recognitionError = null;
      let ended = false;
      if (input === 'browser') {
        // the browser's recognizer may stop by itself on a pause: start it again while listening,
        // keeping what it already heard
        recognitionDone = new Promise((done) => {
          const start = (before) => {
            recognizer = listen(language, {
              onText: (settled, guess) => { heard = `${before} ${settled}${guess}`.trim(); },
              onEnd: (error) => {
                if (error && error !== 'no-speech' && error !== 'aborted') recognitionError = error;
                if (!ended && !recognitionError) start(heard);
                else done();
              },
            });
          };
          start('');
        });
      }
      const limit = Number(speech.maxDurationSeconds) > 0 ? Number(speech.maxDurationSeconds) * 1000 : 300000;
      const cap = setTimeout(() => vad.finish(), limit);
      const vad = detectVoice(stream, {
        silenceMs: settings.silenceSeconds * 1000,
        onLevel: (value) => { levelBar.style.width = `${Math.round(value * 100)}%`; },
        onState: ({ speaking, silenceLeftMs }) => {
          if (paused) return;
          const text = silenceLeftMs != null ? t('handsfree.endsIn', { seconds: (silenceLeftMs / 1000).toFixed(1) }) : '';
          if (countdown.textContent !== text) countdown.textContent = text;
          const line = speaking ? t('handsfree.recording') : t('handsfree.listening');
          if (status.textContent !== line) status.textContent = line;
        },
        onEnd: async (stats) => {
          ended = true;
          clearTimeout(cap);
          listening = null;
          show('ending', t('handsfree.heardEnd'));
          const blob = recorder ? await recorder.stop() : null;
          if (recognizer) {
            recognizer.stop();
            await recognitionDone;
          }
          resolve(stale(mine) ? null : { blob, stats, heard, recognitionError });
        },
      });
      listening = {
        vad, recorder,
        pause: (on) => { vad.pause(on); if (recorder) recorder.pause(on); },
        abort: () => {
          ended = true;
          clearTimeout(cap);
          vad.stop();
          if (recorder) recorder.cancel();
          if (recognizer) recognizer.stop();
          listening = null;
          resolve(null);
        },
      };
      show('listening', t('handsfree.listening'));
    });
  }

  async function answerTurn(question, mine) {
    const heard = await hear(mine);
    if (!heard || stale(mine)) return;
    await transcribe(question, heard, mine);
  }

  async function transcribe(question, { blob, stats, heard, recognitionError }, mine) {
    failedBox.hidden = true;
    let result;
    if (input === 'server') {
      show('transcribing', t('handsfree.transcribing'));
      try {
        result = await api.transcribe(blob, { language, interviewId, turnId: question.id });
      } catch (error) {
        if (stale(mine)) return;
        // the recording is kept: the candidate can send it again or type instead
        fail(t('handsfree.transcriptionFailed', { reason: error.message }), () => enqueue((m) => transcribe(question, { blob, stats, heard }, m)));
        return;
      }
    } else if (!heard && recognitionError) {
      // the browser's recognizer failed (offline, switched off, not allowed): say so, never loop
      fail(t(`voice.error.${recognitionError}`, null) || t('voice.error.generic', { code: recognitionError }),
        () => enqueue((m) => answerTurn(question, m)));
      return;
    } else {
      result = { text: heard };
    }
    if (stale(mine)) return;
    const text = String(result.text || '').trim();
    if (!text) {
      announce(t('handsfree.nothingHeard'));
      enqueue((m) => answerTurn(question, m));
      return;
    }
    const seconds = Number(result.speechSeconds ?? stats.speechSeconds) || 0;
    const answer = {
      text,
      inputMode: 'voice',
      durationSeconds: Math.min(3600, Math.max(1, Math.round(seconds * 10) / 10)),
      pauseCount: Number.isInteger(result.pauseCount) ? result.pauseCount : stats.pauseCount,
      longestPauseSeconds: result.longestPauseSeconds ?? stats.longestPauseSeconds,
    };
    await confirm(question, answer, mine);
  }

  /** Shows the transcript for a moment to correct, then sends it (at once, if so set). */
  async function confirm(question, answer, mine) {
    if (settings.sendAtOnce) {
      await send(question, answer, mine);
      return;
    }
    show('review', t('handsfree.review'));
    transcript.value = answer.text;
    reviewBox.hidden = false;
    const decided = await new Promise((resolve) => {
      const deadline = Date.now() + REVIEW_MS;
      const tick = () => {
        if (paused) return;
        const left = Math.max(0, deadline - Date.now());
        reviewNote.textContent = t('handsfree.sendingIn', { seconds: Math.ceil(left / 1000) });
        if (left <= 0) finish('send');
      };
      const timer = setInterval(tick, 200);
      tick();
      const hold = () => {
        clearInterval(timer);
        reviewNote.textContent = t('handsfree.edited');
      };
      const finish = (how) => {
        clearInterval(timer);
        transcript.removeEventListener('input', hold);
        transcript.removeEventListener('focus', hold);
        review = null;
        resolve(how);
      };
      transcript.addEventListener('input', hold);
      transcript.addEventListener('focus', hold);
      review = { send: () => finish('send'), redo: () => finish('redo'), cancel: () => finish(null), hold };
    });
    reviewBox.hidden = true;
    if (stale(mine) || !decided) return;
    if (decided === 'redo') {
      await answerTurn(question, mine);
      return;
    }
    const text = transcript.value.trim();
    if (!text) {
      await answerTurn(question, mine);
      return;
    }
    await send(question, { ...answer, text }, mine);
  }

  async function send(question, answer, mine) {
    show('waiting', t('handsfree.waiting'));
    sawSaved = false;
    await submit(question, answer);
    if (stale(mine)) return;
    if (!sawSaved) fail(t('handsfree.notSent'), () => enqueue((m) => send(question, answer, m)), answer.text);
  }

  function fail(message, again, text = '') {
    show('failed', t('handsfree.failed'));
    failedText.textContent = message;
    failedBox.hidden = false;
    retry.onclick = () => {
      failedBox.hidden = true;
      again();
    };
    typeInstead.onclick = () => leave(text);
    retry.focus({ preventScroll: true });
  }

  // ---- keyboard and buttons ----
  function togglePause() {
    paused = !paused;
    mic.setAttribute('aria-pressed', String(paused));
    mic.setAttribute('aria-label', paused ? t('handsfree.resume') : t('handsfree.pause'));
    panel.classList.toggle('paused', paused);
    if (listening) listening.pause(paused);
    pauseSpeaking(paused);
    if (review && paused) review.hold();
    status.textContent = paused ? t('handsfree.paused') : status.textContent;
    announce(paused ? t('handsfree.paused') : t('handsfree.resumed'));
  }

  function repeatQuestion() {
    if (!turn) return;
    if (listening) listening.abort();
    if (review) review.cancel();
    stopSpeaking();
    if (paused) togglePause();
    generation += 1;
    chain = Promise.resolve();
    const question = turn;
    enqueue(async (mine) => {
      if (await speakQuestion(question, mine)) await answerTurn(question, mine);
    });
  }

  function onKey(event) {
    if (!active || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (document.querySelector('dialog[open]')) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      leave(review ? transcript.value : '');
      return;
    }
    if (editable(event.target)) return;
    // Space on a focused button presses that button (the microphone's pauses): never both
    if ((event.key === ' ' || event.code === 'Space') && event.target.closest?.('button, a[href], summary')) return;
    if (event.key === ' ' || event.code === 'Space') {
      event.preventDefault();
      togglePause();
    } else if (event.key === 'r' || event.key === 'R') {
      event.preventDefault();
      repeatQuestion();
    }
  }

  mic.addEventListener('click', togglePause);
  repeat.addEventListener('click', repeatQuestion);
  leaveButton.addEventListener('click', () => leave(review ? transcript.value : ''));
  sendNow.addEventListener('click', () => review?.send());
  redo.addEventListener('click', () => review?.redo());
  button.addEventListener('click', () => (active ? leave() : start()));

  // ---- in and out ----
  async function start() {
    if (!input) {
      showInfo(t('handsfree.unavailable'));
      return;
    }
    try {
      stream = await openMicrophone();
    } catch (error) {
      showError(t(`voice.error.${error.name === 'NotAllowedError' ? 'not-allowed' : 'audio-capture'}`));
      return;
    }
    active = true;
    paused = false;
    generation += 1;
    chain = Promise.resolve();
    panel.hidden = false;
    onStart();
    button.setAttribute('aria-pressed', 'true');
    document.addEventListener('keydown', onKey);
    announce(t('handsfree.started'));
    mic.focus({ preventScroll: true });
    if (turn) ask(turn);
  }

  /** Leaves hands-free; text (a transcript not yet sent) goes back to the answer box. */
  function leave(text = '') {
    if (!active) return;
    active = false;
    generation += 1;
    if (listening) listening.abort();
    if (review) review.cancel();
    stopSpeaking();
    closeMicrophone(stream);
    stream = null;
    paused = false;
    panel.classList.remove('paused');
    mic.setAttribute('aria-pressed', 'false');
    reviewBox.hidden = true;
    failedBox.hidden = true;
    show('off', '');
    panel.hidden = true;
    button.setAttribute('aria-pressed', 'false');
    document.removeEventListener('keydown', onKey);
    announce(t('handsfree.stopped'));
    onLeave(text);
  }

  /** A new question (or follow-up) to answer: read it, then listen. */
  function ask(question) {
    turn = question;
    if (!active) return;
    enqueue(async (mine) => {
      if (await speakQuestion(question, mine)) await answerTurn(question, mine);
    });
  }

  return {
    button, panel, note, settings: settingsBox,
    active: () => active,
    ask,
    /** The question on screen, remembered so that starting hands-free can read it. */
    current(question) { turn = question; },
    /** Each event of an answer's stream: the verdict is summed up aloud. */
    event(name, data) {
      if (name === 'saved') sawSaved = true;
      if (!active || name !== 'verdict' || !data?.verdict) return;
      enqueue(async (mine) => {
        show('summary', t('handsfree.summary'));
        await say(verdictSentence(data.verdict, language), language, { server: serverVoice });
        return mine;
      });
    },
    finished() {
      if (!active) return;
      enqueue(() => leave());
    },
    dispose() {
      if (active) {
        onLeave = () => {};
        leave();
      }
    },
  };
}
