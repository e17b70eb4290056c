// Recording an answer with MediaRecorder, in the first container the browser can write that the
// speech server reads: webm/opus (Chrome, Edge, Firefox), ogg/opus (Firefox), mp4/aac (Safari).

const TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'];

export function recordingSupported() {
  return typeof window.MediaRecorder === 'function' && !!navigator.mediaDevices?.getUserMedia;
}

/** Opens the microphone (the browser asks the candidate the first time). */
export function openMicrophone() {
  // echo cancellation keeps the question's own voice out of the answer on speakers
  return navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
}

/** Closes the microphone: the browser's recording indicator goes off. */
export function closeMicrophone(stream) {
  if (stream) stream.getTracks().forEach((track) => track.stop());
}

/** Starts recording the stream; returns { pause(on), stop() → Promise<Blob>, cancel() }. */
export function record(stream) {
  const type = TYPES.find((candidate) => MediaRecorder.isTypeSupported(candidate));
  const recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
  const chunks = [];
  recorder.addEventListener('dataavailable', (event) => { if (event.data && event.data.size > 0) chunks.push(event.data); });
  // a timeslice keeps the recording in pieces, so a long answer never sits in one growing buffer
  recorder.start(1000);
  return {
    pause(on) {
      if (on && recorder.state === 'recording') recorder.pause();
      else if (!on && recorder.state === 'paused') recorder.resume();
    },
    stop() {
      return new Promise((resolve) => {
        if (recorder.state === 'inactive') {
          resolve(new Blob(chunks, { type: recorder.mimeType || type || 'audio/webm' }));
          return;
        }
        recorder.addEventListener('stop', () => resolve(new Blob(chunks, { type: recorder.mimeType || type || 'audio/webm' })), { once: true });
        recorder.stop();
      });
    },
    cancel() {
      if (recorder.state !== 'inactive') recorder.stop();
    },
  };
}
