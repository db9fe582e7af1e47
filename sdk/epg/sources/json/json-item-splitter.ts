import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../../../errors/yiwang-error.js';

/**
 * Splits a JSON document of the shape `{ "key": [item, item, …], "other": value, … }` into its array items
 * as text arrives, so a large guide is never held as one string or one object tree.
 *
 * Each item of a top-level array is handed over as its own JSON text (to be `JSON.parse`d and validated
 * one by one); other top-level values are handed over whole. Only the structure is checked here: strings,
 * brackets and commas. An item that is bracket-balanced but invalid inside (a bad literal) reaches the
 * caller, which can skip it. A structural error (not an object at the top, unbalanced brackets, input
 * ending early) throws `EpgInputInvalid` with the offset.
 */
export interface JsonSplitHandler {
  /** An item of the top-level array `key`, at `index`, as JSON text. */
  item(key: string, index: number, json: string): void;
  /** A top-level member that is not an array, as JSON text. */
  member(key: string, json: string): void;
}

const enum State {
  ExpectOpen, ExpectKeyOrClose, ExpectKey, InKey, ExpectColon, ExpectValue, ExpectCommaOrClose,
  ExpectItemOrClose, ExpectItem, ExpectItemCommaOrClose, InValue, Done,
}

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

export class JsonItemSplitter {
  private state = State.ExpectOpen;
  /** Global offset of the start of the current chunk. */
  private base = 0;
  private key = '';
  private keyText = '';
  private index = 0;
  /** While a value is being read: what it is, its text so far, its nesting. */
  private valueIsItem = false;
  private valueText = '';
  private valueDepth = 0;
  private valueInString = false;
  private valueIsScalar = false;
  private afterValue = State.ExpectCommaOrClose;

  constructor(private readonly handler: JsonSplitHandler, private readonly format = 'json') {}

  /** Feeds the next decoded chunk. */
  write(chunk: string): void {
    const len = chunk.length;
    let i = 0;
    while (i < len) {
      const state = this.state;
      if (state === State.InValue) {
        i = this.scanValue(chunk, i);
        continue;
      }
      if (state === State.InKey) {
        const end = findStringEnd(chunk, i, this.keyText);
        if (end < 0) {
          this.keyText += chunk.slice(i);
          i = len;
          continue;
        }
        this.keyText += chunk.slice(i, end);
        this.key = this.parseKey(this.keyText, end);
        this.state = State.ExpectColon;
        i = end + 1;
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (isSpace(c) || (c === 0xfeff && this.base + i === 0)) {
        i++;
        continue;
      }
      switch (state) {
        case State.ExpectOpen:
          if (c !== OPEN_BRACE) this.fail(i, 'the document is not a JSON object');
          this.state = State.ExpectKeyOrClose;
          break;
        case State.ExpectKeyOrClose:
        case State.ExpectKey:
          if (c === CLOSE_BRACE && state === State.ExpectKeyOrClose) {
            this.state = State.Done;
          } else if (c === QUOTE) {
            this.keyText = '';
            this.state = State.InKey;
          } else {
            this.fail(i, 'expected a member name');
          }
          break;
        case State.ExpectColon:
          if (c !== COLON) this.fail(i, `expected ':' after "${this.key}"`);
          this.state = State.ExpectValue;
          break;
        case State.ExpectValue:
          if (c === OPEN_BRACKET) {
            this.index = 0;
            this.state = State.ExpectItemOrClose;
          } else {
            this.startValue(false, State.ExpectCommaOrClose);
            continue; // the value scanner reads this character
          }
          break;
        case State.ExpectCommaOrClose:
          if (c === COMMA) this.state = State.ExpectKey;
          else if (c === CLOSE_BRACE) this.state = State.Done;
          else this.fail(i, "expected ',' or '}' between members");
          break;
        case State.ExpectItemOrClose:
        case State.ExpectItem:
          if (c === CLOSE_BRACKET && state === State.ExpectItemOrClose) {
            this.state = State.ExpectCommaOrClose;
          } else if (c === CLOSE_BRACKET || c === COMMA) {
            this.fail(i, `expected an item in "${this.key}"`);
          } else {
            this.startValue(true, State.ExpectItemCommaOrClose);
            continue;
          }
          break;
        case State.ExpectItemCommaOrClose:
          if (c === COMMA) this.state = State.ExpectItem;
          else if (c === CLOSE_BRACKET) this.state = State.ExpectCommaOrClose;
          else this.fail(i, `expected ',' or ']' after ${this.key}[${this.index - 1}]`);
          break;
        case State.Done:
          this.fail(i, 'text after the end of the document');
          break;
        default:
          break;
      }
      i++;
    }
    this.base += len;
  }

  /** Ends the input; throws if the document is not complete. */
  end(): void {
    if (this.state === State.InValue && this.valueIsScalar && this.valueDepth === 0) {
      this.finishValue();
    }
    if (this.state !== State.Done) this.fail(0, 'the document ends before it is complete', true);
  }

  private startValue(isItem: boolean, after: State): void {
    this.valueIsItem = isItem;
    this.valueText = '';
    this.valueDepth = 0;
    this.valueInString = false;
    this.valueIsScalar = false;
    this.afterValue = after;
    this.state = State.InValue;
  }

  /** Reads value text from `i`; returns where it stopped (the end of the chunk, or just after the value). */
  private scanValue(chunk: string, i: number): number {
    const len = chunk.length;
    const from = i;
    let j = i;
    if (this.valueText.length === 0 && this.valueDepth === 0 && !this.valueInString && !this.valueIsScalar) {
      const first = chunk.charCodeAt(j);
      if (first === OPEN_BRACE || first === OPEN_BRACKET) {
        this.valueDepth = 1;
        j++;
      } else if (first === QUOTE) {
        this.valueInString = true;
        j++;
      } else {
        this.valueIsScalar = true;
      }
    }
    while (j < len) {
      if (this.valueInString) {
        const end = findStringEnd(chunk, j, this.valueText);
        if (end < 0) {
          j = len;
          break;
        }
        this.valueInString = false;
        j = end + 1;
        if (this.valueDepth === 0) return this.completeValue(chunk, from, j);
        continue;
      }
      const c = chunk.charCodeAt(j);
      if (this.valueIsScalar) {
        if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isSpace(c)) return this.completeValue(chunk, from, j);
        j++;
        continue;
      }
      if (c === QUOTE) {
        this.valueInString = true;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        this.valueDepth++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        this.valueDepth--;
        if (this.valueDepth === 0) return this.completeValue(chunk, from, j + 1);
      }
      j++;
    }
    this.valueText += chunk.slice(from, j);
    return j;
  }

  private completeValue(chunk: string, from: number, end: number): number {
    this.valueText += chunk.slice(from, end);
    this.finishValue();
    return end;
  }

  private finishValue(): void {
    const json = this.valueText;
    this.valueText = '';
    this.state = this.afterValue;
    if (this.valueIsItem) this.handler.item(this.key, this.index++, json);
    else this.handler.member(this.key, json);
  }

  private parseKey(raw: string, at: number): string {
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      this.fail(at, 'a member name is not a valid JSON string');
    }
  }

  private fail(at: number, message: string, atEnd = false): never {
    const offset = atEnd ? this.base : this.base + at;
    throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Epg, ErrorCode.EpgInputInvalid,
      `${this.format}: invalid JSON structure at offset ${offset}: ${message}`, { format: this.format, reason: 'syntax', offset });
  }
}

/**
 * Index of the quote closing a string that continues at `chunk[from]`, or -1 when the chunk ends first.
 * A quote closes the string when an even number of backslashes precedes it; a run of backslashes at the
 * very start of the chunk continues from `before`, the string's text in earlier chunks.
 */
function findStringEnd(chunk: string, from: number, before: string): number {
  let q = chunk.indexOf('"', from);
  while (q >= 0) {
    let slashes = 0;
    let k = q - 1;
    // The run cannot go past the opening quote, so walking back within the chunk is safe.
    while (k >= 0 && chunk.charCodeAt(k) === BACKSLASH) {
      slashes++;
      k--;
    }
    if (k < 0) {
      let b = before.length - 1;
      while (b >= 0 && before.charCodeAt(b) === BACKSLASH) {
        slashes++;
        b--;
      }
    }
    if (slashes % 2 === 0) return q;
    q = chunk.indexOf('"', q + 1);
  }
  return -1;
}
