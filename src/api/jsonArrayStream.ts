import { StringDecoder } from 'string_decoder';

/** Why an answer could not be read as a JSON array. */
export type JsonArrayProblem = 'notArray' | 'invalid' | 'truncated';

export class JsonArrayError extends Error {
  constructor(readonly problem: JsonArrayProblem, message: string) {
    super(message);
    this.name = 'JsonArrayError';
  }
}

const enum State {
  /** Before the opening bracket (a BOM and whitespace allowed). */
  Start,
  /** Inside the array, reading an element (or the whitespace before one). */
  Element,
  /** After the closing bracket: only whitespace may follow. */
  Done,
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * Reads a JSON array as its bytes arrive, UTF-8 split anywhere: push() returns each top-level
 * element, parsed, as soon as the separator after it has arrived, so no string ever holds more
 * than one element of the answer. end() says whether the array was complete.
 */
export class JsonArrayReader {
  private readonly decoder = new StringDecoder('utf8');
  private state = State.Start;
  /** Decoded text not yet handed out: the current element's text so far. */
  private text = '';
  /** Where scanning resumes in `text`. */
  private position = 0;
  private depth = 0;
  private inString = false;
  private elements = 0;

  /** Whether the opening bracket has been seen. */
  get started(): boolean {
    return this.state !== State.Start;
  }

  /** The elements completed by this chunk, in order. Throws a JsonArrayError when the text cannot be an array. */
  push(chunk: Buffer | string): unknown[] {
    const decoded = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    return this.read(decoded);
  }

  /** Throws a JsonArrayError unless the whole array, and nothing after it, has arrived. */
  end(): void {
    this.read(this.decoder.end());
    if (this.state === State.Start) throw new JsonArrayError('notArray', 'The answer is empty: a JSON array was expected.');
    if (this.state === State.Element) throw new JsonArrayError('truncated', `The answer ended inside its list, after ${this.elements} complete element${this.elements === 1 ? '' : 's'}.`);
  }

  private read(decoded: string): unknown[] {
    const found: unknown[] = [];
    if (decoded === '') return found;
    this.text += decoded;
    if (this.state === State.Start) this.readStart();
    if (this.state === State.Element) this.readElements(found);
    if (this.state === State.Done) this.readTrailer();
    return found;
  }

  private readStart(): void {
    const text = this.text;
    let i = this.position;
    while (i < text.length && (isSpace(text.charCodeAt(i)) || text.charCodeAt(i) === 0xfeff)) i++;
    if (i === text.length) {
      this.text = '';
      this.position = 0;
      return;
    }
    if (text.charCodeAt(i) !== OPEN_BRACKET) throw new JsonArrayError('notArray', 'The answer is not a JSON array.');
    this.state = State.Element;
    this.text = text.slice(i + 1);
    this.position = 0;
  }

  private readElements(found: unknown[]): void {
    const text = this.text;
    let start = 0;
    let i = this.position;
    while (i < text.length) {
      if (this.inString) {
        const quote = text.indexOf('"', i);
        if (quote < 0) {
          i = text.length;
          break;
        }
        i = quote + 1;
        if (!isEscaped(text, quote)) this.inString = false;
        continue;
      }
      const code = text.charCodeAt(i);
      if (code === QUOTE) {
        this.inString = true;
      } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        this.depth++;
      } else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET) && this.depth > 0) {
        this.depth--;
      } else if (this.depth === 0 && (code === COMMA || code === CLOSE_BRACKET)) {
        const element = text.slice(start, i);
        if (code === COMMA || element.trim() !== '' || this.elements > 0) found.push(this.parse(element));
        start = i + 1;
        if (code === CLOSE_BRACKET) {
          this.state = State.Done;
          this.text = text.slice(start);
          this.position = 0;
          return;
        }
      } else if (code === CLOSE_BRACE) {
        throw new JsonArrayError('invalid', `The answer's element ${this.elements + 1} is not valid JSON.`);
      }
      i++;
    }
    this.text = text.slice(start);
    this.position = i - start;
  }

  private readTrailer(): void {
    const text = this.text;
    for (let i = this.position; i < text.length; i++) {
      if (!isSpace(text.charCodeAt(i))) throw new JsonArrayError('invalid', 'The answer goes on after its list ends.');
    }
    this.text = '';
    this.position = 0;
  }

  private parse(element: string): unknown {
    this.elements++;
    try {
      return JSON.parse(element);
    } catch {
      throw new JsonArrayError('invalid', `The answer's element ${this.elements} is not valid JSON.`);
    }
  }
}

/** Whether the quote at `at` is preceded by an odd number of backslashes. */
function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && text.charCodeAt(i) === BACKSLASH; i--) backslashes++;
  return backslashes % 2 === 1;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}
