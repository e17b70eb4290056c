// Voice-activity detection in the page, from the microphone's energy (Web Audio, nothing leaves
// the browser). A turn ends after a stretch of silence once speech has been heard; the short gaps
// between words and syllables never end it (hangover). It also measures the answer's delivery:
// speech time (first word to last, less long pauses) and the long pauses themselves.

/** Energy under this never counts as speech, however quiet the room (RMS of samples in [-1, 1]). */
const MIN_THRESHOLD = 0.012;
/** Speech must last this long before the turn counts as started (a click or a cough does not). */
const ATTACK_MS = 150;
/** A silence inside the answer at least this long is a pause worth reporting. */
export const LONG_PAUSE_MS = 1000;
const FRAME_MS = 30;

/**
 * Listens to a microphone stream. Options: silenceMs (the silence that ends the turn), onLevel(0..1)
 * for a meter, onState({speaking, silenceLeftMs}) as it changes, onEnd(stats) once, when the turn
 * ends. Returns { pause(on), stop(), stats() }. stats: {heardSpeech, speechSeconds, pauseCount,
 * longestPauseSeconds}.
 */
export function detectVoice(stream, { silenceMs = 1800, onLevel, onState, onEnd }) {
  const AudioContextClass = window.AudioContext || window.webkitAudioContext;
  const context = new AudioContextClass();
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);

  let noiseFloor = null; // a slowly adapting estimate of the room's own energy
  let voicedMs = 0; // consecutive voiced time, for the attack
  let silentMs = 0; // consecutive silence since the last voiced frame
  let started = false; // speech heard: from now on a long silence ends the turn
  let firstVoiceAt = 0;
  let lastVoiceAt = 0;
  let clock = 0; // ms of listening, paused time excluded
  let paused = false;
  let ended = false;
  const pauses = []; // long pauses inside the answer, in ms
  let last = performance.now();

  if (context.state === 'suspended') context.resume().catch(() => {});

  const timer = setInterval(() => {
    const now = performance.now();
    const elapsed = Math.min(200, now - last);
    last = now;
    if (paused || ended) return;
    clock += elapsed;
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    const rms = Math.sqrt(sum / samples.length);
    if (noiseFloor === null) noiseFloor = rms;
    const threshold = Math.max(MIN_THRESHOLD, noiseFloor * 3);
    const voiced = rms > threshold;
    // the floor follows the room while nobody speaks, quickly down and slowly up
    if (!voiced) noiseFloor = rms < noiseFloor ? noiseFloor * 0.7 + rms * 0.3 : noiseFloor * 0.98 + rms * 0.02;
    if (onLevel) onLevel(Math.min(1, rms / 0.25));

    if (voiced) {
      voicedMs += elapsed;
      if (!started && voicedMs >= ATTACK_MS) {
        started = true;
        firstVoiceAt = clock - voicedMs;
      }
      if (started) {
        if (silentMs >= LONG_PAUSE_MS && lastVoiceAt > 0) pauses.push(silentMs);
        lastVoiceAt = clock;
        silentMs = 0;
      }
    } else {
      voicedMs = 0;
      if (started) silentMs += elapsed;
    }
    if (onState) onState({ speaking: started, silenceLeftMs: started && silentMs > 250 ? Math.max(0, silenceMs - silentMs) : null });
    if (started && silentMs >= silenceMs) finish();
  }, FRAME_MS);

  function stats() {
    const spoken = started ? Math.max(0, lastVoiceAt - firstVoiceAt) : 0;
    const pausedMs = pauses.reduce((a, b) => a + b, 0);
    return {
      heardSpeech: started,
      speechSeconds: Math.round(Math.max(0, spoken - pausedMs) / 100) / 10,
      pauseCount: pauses.length,
      longestPauseSeconds: pauses.length ? Math.round(Math.max(...pauses) / 100) / 10 : 0,
    };
  }

  function release() {
    clearInterval(timer);
    source.disconnect();
    context.close().catch(() => {});
  }

  function finish() {
    if (ended) return;
    ended = true;
    release();
    if (onEnd) onEnd(stats());
  }

  return {
    /** While paused nothing is measured and nothing ends the turn. */
    pause(on) {
      paused = on;
      last = performance.now();
    },
    /** Ends the turn now, as if the silence had run out (the candidate said they are done). */
    finish,
    /** Stops listening without ending the turn (leaving hands-free). */
    stop() {
      if (ended) return;
      ended = true;
      release();
    },
    stats,
  };
}
