// The browser's own speech: synthesis to read questions aloud, recognition to answer by voice.
// Both are optional features of the browser; callers check the *Supported() functions.

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
  window.speechSynthesis.cancel();
  const tag = speechLang(language);
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = tag;
  const voice = pickVoice(tag);
  if (voice) utterance.voice = voice;
  utterance.rate = 1;
  return new Promise((resolve) => {
    const done = () => { if (onEnd) onEnd(); resolve(); };
    utterance.onstart = () => onStart && onStart();
    utterance.onend = done;
    utterance.onerror = done;
    window.speechSynthesis.speak(utterance);
  });
}

export function stopSpeaking() {
  if (synthesisSupported()) window.speechSynthesis.cancel();
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
