// A Server-Sent Events parser for a fetch() response body. EventSource can only GET, while an
// answer is POSTed, so the stream is read with a ReadableStream reader and parsed here.

/**
 * Feeds text chunks in, calls onEvent({event, data}) for each complete event. Follows the SSE
 * format: lines `event:`, `data:` (several are joined with "\n"), `id:`/`retry:` ignored, `:`
 * comments ignored, a blank line ends an event; CRLF, LF and CR line ends all accepted.
 */
export class SseParser {
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.buffer = '';
    this.event = '';
    this.data = [];
  }

  push(chunk) {
    this.buffer += chunk;
    let match;
    // keep a trailing "\r" in the buffer: it may be the first half of a "\r\n"
    while ((match = /\r\n|\n|\r(?=[^\n])/.exec(this.buffer)) !== null) {
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      this.line(line);
    }
  }

  end() {
    if (this.buffer.length > 0) {
      this.line(this.buffer.replace(/\r$/, ''));
      this.buffer = '';
    }
    this.dispatch();
  }

  line(line) {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
  }

  dispatch() {
    if (this.data.length === 0) {
      this.event = '';
      return;
    }
    const event = { event: this.event || 'message', data: this.data.join('\n') };
    this.event = '';
    this.data = [];
    this.onEvent(event);
  }
}

/** Reads a fetch Response body as SSE, calling onEvent(name, parsedJsonData) until the end. */
export async function readEventStream(response, onEvent) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new SseParser(({ event, data }) => {
    let parsed;
    try {
      parsed = JSON.parse(data);
    } catch {
      parsed = { raw: data };
    }
    onEvent(event, parsed);
  });
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parser.push(value);
  }
  parser.end();
}
