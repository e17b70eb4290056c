// Speech in the page: the browser's own synthesis and recognition (optional features of the
// browser; callers check the *Supported() functions), and the server's voice when a speech server
// is configured (GET /api/speech says "server"), played from the audio it returns.
import { api } from './api.js';

/** A BCP-47 tag the speech engines understand, from a bank's language ("zh" → "zh-CN"). */
export function speechLang(language) {
  const l = (language || 'en').toLowerCase();
  if (l.includes('-')) return language;
  return { zh: 'zh-CN', en: 'en-US', ja: 'ja-JP', ko: 'ko-KR', de: 'de-DE', fr: 'fr-FR', es: 'es-ES' }[l] || l;
}

export function synthesisSupported() {
  return 'speechSynthesis' in window && 'SpeechSynthesisUtterance' in window;
}

function pickVoice(tag) {
  const voices = window.speechSynthesis.getVoices();
  const lower = tag.toLowerCase();
  const base = lower.split('-')[0];
  return voices.find((v) => v.lang.toLowerCase() === lower && v.localService)
    || voices.find((v) => v.lang.toLowerCase() === lower)
    || voices.find((v) => v.lang.toLowerCase().replace('_', '-').startsWith(base))
    || null;
}

/** Reads text aloud in the given language; resolves when done (or at once if unsupported). */
export function speak(text, language, { onStart, onEnd } = {}) {
  if (!synthesisSupported() || !text) return Promise.resolve();
  stopSpeaking();
  const tag = speechLang(language);
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = tag;
  const voice = pickVoice(tag);
  if (voice) utterance.voice = voice;
  utterance.rate = 1;
  return new Promise((resolve) => {
    let finished = false;
    // Some engines (no voice installed, headless browsers) never start or never end an
    // utterance: a hands-free loop waiting on it would hang, so give up after a fair while.
    const notStarted = setTimeout(() => done(), 4000);
    const tooLong = setTimeout(() => done(), 2000 + text.length * 150);
    function done() {
      if (finished) return;
      finished = true;
      clearTimeout(notStarted);
      clearTimeout(tooLong);
      if (onEnd) onEnd();
      resolve();
    }
    utterance.onstart = () => { clearTimeout(notStarted); if (onStart) onStart(); };
    utterance.onend = done;
    utterance.onerror = done;
    window.speechSynthesis.speak(utterance);
  });
}

let playing = null; // { context, source, done } of the server voice now playing

/**
 * Reads text aloud with the server's voice; falls back to the browser's when the server refuses
 * (rate limit, speech server down) or its audio cannot be decoded. Resolves when done. The audio
 * is decoded and played through Web Audio, so the page's media policy needs no blob: URLs.
 */
export async function speakWithServer(text, language, { signal } = {}) {
  if (!text) return;
  stopSpeaking();
  let bytes;
  try {
    bytes = await (await api.synthesize(text, language, signal)).arrayBuffer();
  } catch (error) {
    if (error.name === 'AbortError') return;
    await speak(text, language);
    return;
  }
  if (signal?.aborted) return;
  const AudioContextClass = window.AudioContext || window.webkitAudioContext;
  const context = new AudioContextClass();
  let buffer;
  try {
    buffer = await context.decodeAudioData(bytes);
  } catch {
    context.close().catch(() => {});
    await speak(text, language);
    return;
  }
  await new Promise((resolve) => {
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(context.destination);
    const done = () => {
      if (playing?.source !== source) return;
      playing = null;
      context.close().catch(() => {});
      resolve();
    };
    playing = { context, source, done };
    source.addEventListener('ended', done);
    if (context.state === 'suspended') context.resume().catch(() => {});
    source.start();
  });
}

/** Reads text with the voice in use: the server's when {@code server}, else the browser's. */
export function say(text, language, { server = false, signal } = {}) {
  return server ? speakWithServer(text, language, { signal }) : speak(text, language);
}

export function stopSpeaking() {
  if (synthesisSupported()) window.speechSynthesis.cancel();
  if (playing) {
    const { source, done } = playing;
    try { source.stop(); } catch { /* never started */ }
    done();
  }
}

/** Pauses or resumes whatever is being read aloud. */
export function pauseSpeaking(paused) {
  if (playing) {
    if (paused) playing.context.suspend().catch(() => {});
    else playing.context.resume().catch(() => {});
  } else if (synthesisSupported()) {
    if (paused) window.speechSynthesis.pause();
    else window.speechSynthesis.resume();
  }
}

const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition || null;

export function recognitionSupported() {
  return Recognition !== null;
}

/**
 * Listens in the given language. onText(finalText, interimText) is called as words arrive:
 * finalText is everything settled so far in this session, interimText the words still being
 * guessed. onEnd(errorCode|null) when listening stops. Returns { stop() }.
 */
export function listen(language, { onText, onEnd }) {
  const recognition = new Recognition();
  recognition.lang = speechLang(language);
  recognition.continuous = true;
  recognition.interimResults = true;
  let settled = '';
  let error = null;
  recognition.onresult = (event) => {
    let interim = '';
    for (let i = event.resultIndex; i < event.results.length; i++) {
      const result = event.results[i];
      if (result.isFinal) settled += result[0].transcript;
      else interim += result[0].transcript;
    }
    onText(settled, interim);
  };
  recognition.onerror = (event) => { error = event.error || 'unknown'; };
  recognition.onend = () => onEnd(error);
  recognition.start();
  return { stop: () => recognition.stop() };
}
