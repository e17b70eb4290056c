// The JSON API client: same-origin session cookie, the CSRF token on every state-changing request,
// and every failure turned into an ApiError carrying the ProblemDetail's readable `detail`.
import { readEventStream } from './sse.js';
import { lang, t } from './i18n.js';

/** A failed API call: status, a readable message, and the ProblemDetail when there was one. */
export class ApiError extends Error {
  constructor(status, message, problem = null) {
    super(message);
    this.status = status;
    this.problem = problem;
  }

  /** Field errors from a 400 ProblemDetail (`errors: [{field, message}]`), if any. */
  get fieldErrors() {
    const errors = this.problem && Array.isArray(this.problem.errors) ? this.problem.errors : [];
    return errors.filter((e) => e && typeof e === 'object');
  }
}

let csrf = null; // { headerName, token } of the current session

/** Fetches the CSRF token of this session (the token lives in the session, not in a cookie). */
export async function refreshCsrf() {
  const response = await fetch('/api/auth/csrf', { credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': lang() } });
  if (!response.ok) throw await toError(response);
  const body = await response.json().catch(() => ({}));
  csrf = { headerName: body.headerName || 'X-XSRF-TOKEN', token: body.token };
  return csrf;
}

async function csrfHeaders() {
  // a new session (sign-in, sign-out, expiry) has a new token: dropped then, or on a 403 (see request)
  if (!csrf || !csrf.token) await refreshCsrf();
  return { [csrf.headerName]: csrf.token };
}

async function toError(response) {
  let problem = null;
  let message = '';
  const type = response.headers.get('Content-Type') || '';
  try {
    if (type.includes('json')) {
      problem = await response.json();
      message = problem.detail || problem.title || problem.message || '';
    } else {
      const text = (await response.text()).trim();
      // a ProblemDetail may come back as an SSE frame (`data:{...}`) when the request accepted a stream
      const framed = text.split(/\r?\n/).filter((line) => line.startsWith('data:')).map((line) => line.slice(5)).join('\n');
      try {
        problem = JSON.parse(framed || text);
        message = problem.detail || problem.title || '';
      } catch {
        message = text.slice(0, 300);
      }
    }
  } catch {
    // an unreadable body still leaves the status to report
  }
  if (!message || /^<!doctype|^<html/i.test(message)) message = t(`error.status.${response.status}`, null) || t('error.status.generic', { status: response.status });
  if (response.status === 429) {
    const retry = response.headers.get('Retry-After');
    if (retry) message += ' ' + t('error.retryAfter', { seconds: retry });
  }
  return new ApiError(response.status, message, problem);
}

/**
 * One API request. body: an object (sent as JSON), URLSearchParams (form), FormData (multipart)
 * or undefined.
 * State-changing methods carry the CSRF header; a 403 is retried once with a fresh token, since
 * the token may have gone stale with the session.
 */
export async function request(method, url, { body, accept = 'application/json', signal, raw = false } = {}, retried = false) {
  // the server words its errors in the language the page shows
  const headers = { Accept: accept, 'Accept-Language': lang() };
  let payload;
  if (body instanceof URLSearchParams) {
    payload = body;
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  } else if (body instanceof FormData) {
    payload = body; // the browser writes the multipart boundary itself
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  const unsafe = !['GET', 'HEAD'].includes(method);
  if (unsafe) Object.assign(headers, await csrfHeaders());
  let response;
  try {
    response = await fetch(url, { method, headers, body: payload, credentials: 'same-origin', signal });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, t('error.network'));
  }
  if (response.status === 403 && unsafe && !retried) {
    csrf = null;
    return request(method, url, { body, accept, signal, raw }, true);
  }
  if (!response.ok) throw await toError(response);
  if (raw) return response;
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

export const api = {
  me: () => request('GET', '/api/me'),
  register: (username, password) => request('POST', '/api/auth/register', { body: { username, password } }),
  login: async (username, password) => {
    const result = await request('POST', '/api/auth/login', { body: new URLSearchParams({ username, password }) });
    csrf = null;
    return result;
  },
  logout: async () => {
    const result = await request('POST', '/api/auth/logout');
    csrf = null;
    return result;
  },
  banks: () => request('GET', '/api/banks'),
  /** Uploads a bank ({file} or {text}); dryRun: the preview only; replace: the id of one's own bank to replace. */
  uploadBank: ({ file, text }, { dryRun, replace }) => {
    const url = `/api/banks${replace ? `/${encodeURIComponent(replace)}` : ''}${dryRun ? '?dryRun=true' : ''}`;
    const method = replace ? 'PUT' : 'POST';
    if (file) {
      const form = new FormData();
      form.append('file', file, file.name);
      return request(method, url, { body: form });
    }
    return request(method, url, { body: { text } });
  },
  deleteBank: (id) => request('DELETE', `/api/banks/${encodeURIComponent(id)}`),
  examiner: () => request('GET', '/api/examiner'),
  createInterview: (spec) => request('POST', '/api/interviews', { body: spec }),
  interview: (id) => request('GET', `/api/interviews/${encodeURIComponent(id)}`),
  interviews: (page = 0, size = 50) => request('GET', `/api/interviews?page=${page}&size=${size}`),
  deleteInterview: (id) => request('DELETE', `/api/interviews/${encodeURIComponent(id)}`),
  finish: (id) => request('POST', `/api/interviews/${encodeURIComponent(id)}/finish`),
  progress: () => request('GET', '/api/progress'),
  /** Questions due for spaced review: {count, questions: [...], nextDueAt}. */
  reviewDue: () => request('GET', '/api/review/due'),
  /** Every question graded, with its review schedule: {questions: [...]}. */
  reviewMastery: () => request('GET', '/api/review/mastery'),
  reportUrl: (id) => `/api/interviews/${encodeURIComponent(id)}/report.md`,
  /** A PDF resume's text: {text, pages, characters}; nothing is stored. */
  resumeText: (file) => {
    const form = new FormData();
    form.append('file', file, file.name || 'resume.pdf');
    return request('POST', '/api/resumes/text', { body: form });
  },
  /** Reports a bad generated question of the interview. */
  reportQuestion: (interviewId, questionId, reason) => request('POST',
    `/api/interviews/${encodeURIComponent(interviewId)}/questions/${encodeURIComponent(questionId)}/report`, { body: { reason } }),

  /** POSTs an answer and calls onEvent(name, data) for each streamed event. */
  answer: async (interviewId, turnId, answer, onEvent, signal) => {
    const response = await request('POST',
      `/api/interviews/${encodeURIComponent(interviewId)}/turns/${encodeURIComponent(turnId)}/answer`,
      { body: answer, accept: 'text/event-stream, application/problem+json;q=0.9', signal, raw: true });
    await readEventStream(response, onEvent);
  },

  /** Skips an open follow-up: {skipped, revealed: {turnId, referenceAnswer, keyPoints, verdict}, next, report}. */
  skip: (interviewId, turnId) => request('POST',
    `/api/interviews/${encodeURIComponent(interviewId)}/turns/${encodeURIComponent(turnId)}/skip`),

  /** What speaks and what listens: {transcription, synthesis: "server"|"browser", maxUploadBytes, maxDurationSeconds, keepRecordings}. */
  speech: () => request('GET', '/api/speech'),
  speechSettings: (settings) => request('PUT', '/api/speech/settings', { body: settings }),
  /** Transcribes a recording: {text, language, durationSeconds, speechSeconds, pauseCount, longestPauseSeconds, segments}. */
  transcribe: (blob, { language, interviewId, turnId }, signal) => {
    const form = new FormData();
    form.append('file', blob, `answer.${extensionOf(blob.type)}`);
    if (language) form.append('language', language);
    if (interviewId) form.append('interviewId', interviewId);
    if (turnId) form.append('turnId', turnId);
    return request('POST', '/api/speech/transcriptions', { body: form, signal });
  },
  /** The server's voice reading text: the audio as a Blob. */
  synthesize: async (text, language, signal) => {
    const response = await request('POST', '/api/speech/synthesis', { body: { text, language }, accept: 'audio/*, application/problem+json;q=0.9', signal, raw: true });
    return response.blob();
  },
  recordingUrl: (interviewId, turnId) => `/api/interviews/${encodeURIComponent(interviewId)}/turns/${encodeURIComponent(turnId)}/recording`,

  /** Grades a failed or unfinished turn again, streaming like an answer (without `saved`). */
  regrade: async (interviewId, turnId, onEvent, signal) => {
    const response = await request('POST',
      `/api/interviews/${encodeURIComponent(interviewId)}/turns/${encodeURIComponent(turnId)}/regrade`,
      { accept: 'text/event-stream, application/problem+json;q=0.9', signal, raw: true });
    await readEventStream(response, onEvent);
  },
};

/** A file name's extension for a recording's MIME type (the server also sniffs the content). */
function extensionOf(type) {
  const t = (type || '').toLowerCase();
  if (t.includes('ogg')) return 'ogg';
  if (t.includes('mp4') || t.includes('m4a') || t.includes('aac')) return 'm4a';
  if (t.includes('wav')) return 'wav';
  if (t.includes('mpeg')) return 'mp3';
  return 'webm';
}
