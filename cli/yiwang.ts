/**
 * The `yiwang` command line (Node ESM). Run through `bin/yiwang.js`.
 *
 *   yiwang epg parse <file> [--format xmltv|eit|ts|json] [--default-charset <label>]
 *   yiwang alert parse <file> [--format cap|ebd|scte18]
 *   yiwang alert send <file> --to <headend-url> [--format cap|ebd|scte18]
 *
 * `epg parse` prints one JSON programme per line on stdout (NDJSON), then on stderr up to 20 warnings and a
 * one-line JSON summary. Formats come from the EPG source registry, so every registered source works here.
 * Exit status: 0 parsed, 1 unreadable file / unknown format / refused or malformed input, 2 usage error.
 *
 * `alert parse` prints the normalized alert (sdk/alerts/model.ts) as pretty JSON. Formats come from the
 * alert-format registry. Exit status: 0 parsed, 1 unreadable file, 2 rejected or unparseable input
 * (unknown format, XML DTD, malformed or invalid message) or usage error.
 *
 * `alert send` POSTs the file unchanged to `<headend-url>/api/alerts` and prints the headend's JSON answer.
 * Exit status: 0 on 2xx, 2 on 4xx (the reason on stderr) or usage error, 1 on an unreadable file, a
 * network error, no answer in time, a redirect or a server error (5xx).
 */
import { once } from 'node:events';
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  createEpgReport, detectEpgSource, epgFormats, findEpgSource, type EpgParseOptions, type EpgParseReport, type EpgSource,
  findCharset, type LangText, type Programme, YiwangError, alertFormats, detectAlertFormat, findAlertFormat, parseAlert,
} from '../sdk/index.js';

/** Warnings printed before the summary, at most. */
const WARNING_LINES = 20;

const CHUNK_SIZE = 1 << 16;

const MAIN_USAGE = `Usage: yiwang <command> [options]

Commands:
  epg parse <file>     parse an EPG file (XMLTV, DVB EIT sections, MPEG-TS, operator JSON)
                       and print one programme per line as JSON
  alert parse <file>   parse an emergency alert (CAP, China EBD/EBM, SCTE 18) and print it as JSON
  alert send <file> --to <headend-url>
                       post an alert file to a headend's /api/alerts and print its answer

Options:
  -h, --help           show help (also: yiwang epg --help, yiwang alert --help)
`;

function epgUsage(): string {
  return `Usage: yiwang epg parse <file> [--format <format>] [--default-charset <label>]

Parses a guide and prints one programme per line (NDJSON) on stdout:
  {"channel", "start", "end", "title", "desc", "genres", "minAge", "eventId"?, "id"}
start and end are ISO-8601 UTC; title and desc are the Chinese text, else English, else the first given.
On stderr: up to ${WARNING_LINES} warnings about skipped or repaired items, then one summary line
  {"channels":N,"programmes":N,"skipped":N,"repaired":N,"ms":N}

Options:
  --format <format>          one of: ${epgFormats().join(', ')} (default: detected from the first bytes)
  --default-charset <label>  charset for text that declares none, e.g. gb2312 for raw GB bytes
  -h, --help                 show this help

Exit status: 0 parsed; 1 unreadable file, unknown format, refused (XML DTD) or malformed input;
2 wrong usage.
`;
}

function alertUsage(): string {
  return `Usage: yiwang alert parse <file> [--format <format>]
       yiwang alert send <file> --to <headend-url> [--format <format>]

alert parse   reads one alert message and prints the normalized alert as pretty JSON on stdout
              (fields as in sdk/alerts/model.ts; times are UTC milliseconds).
alert send    POSTs the file unchanged to <headend-url>/api/alerts, as application/xml (CAP, EBD) or
              application/octet-stream (SCTE 18), and prints the headend's JSON answer on stdout.

Options:
  --format <format>   one of: ${alertFormats().join(', ')} (default: detected from the first bytes;
                      send passes it to the headend as ?format=)
  --to <url>          the headend's base URL (http or https), e.g. http://localhost:8080
  -h, --help          show this help

Exit status:
  parse  0 parsed; 1 unreadable file; 2 rejected or unparseable input (unknown format, XML DTD or
         entity, malformed or invalid message) or wrong usage.
  send   0 the headend took it (2xx); 2 the headend refused it (4xx, reason on stderr) or wrong usage;
         1 unreadable file, network error, no answer within ${SEND_TIMEOUT_MS / 1000} s, redirect or server error (5xx).
`;
}

/** Largest file `alert parse` / `alert send` reads: alert messages are kilobytes. */
const ALERT_MAX_BYTES = 16 << 20;

/** Formats the headend takes, whether or not this build registers a parser for them. */
const STANDARD_ALERT_FORMATS = ['cap', 'ebd', 'scte18'];

/** How long `alert send` waits for the headend. */
const SEND_TIMEOUT_MS = 30_000;

/** A failure with a one-line message and an exit status. */
class CliError extends Error {
  constructor(message: string, readonly status: 1 | 2) {
    super(message);
  }
}

interface Io {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** Runs the command line; resolves to the exit status. */
export async function main(argv: readonly string[], io: Io = process): Promise<number> {
  try {
    await run(argv, io);
    return 0;
  } catch (error) {
    const [message, status] = error instanceof CliError ? [error.message, error.status]
      : error instanceof YiwangError ? [error.message, 1]
        : [error instanceof Error ? error.message : String(error), 1];
    io.stderr.write(`yiwang: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return status;
  }
}

async function run(argv: readonly string[], io: Io): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        'default-charset': { type: 'string' },
        to: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // Node's messages go on to explain '--' for positionals; the first sentence is the point.
    const message = error instanceof Error ? error.message.split(/\.\s/)[0] ?? error.message : String(error);
    throw new CliError(`${message} (see yiwang --help)`, 2);
  }
  const { values, positionals } = parsed;
  const [command, sub, file, ...extra] = positionals;
  if (command === undefined) {
    if (values.help) {
      io.stdout.write(MAIN_USAGE);
      return;
    }
    io.stderr.write(MAIN_USAGE);
    throw new CliError('no command given', 2);
  }
  if (command === 'alert') {
    await runAlert(sub, file, extra, values, io);
    return;
  }
  if (command !== 'epg') throw new CliError(`unknown command "${command}" (see yiwang --help)`, 2);
  if (values.to !== undefined) throw new CliError('--to is only for alert send (see yiwang epg --help)', 2);
  if (values.help) {
    io.stdout.write(epgUsage());
    return;
  }
  if (sub !== 'parse') throw new CliError(sub === undefined ? 'epg needs a subcommand: parse (see yiwang epg --help)' : `unknown epg subcommand "${sub}" (see yiwang epg --help)`, 2);
  if (file === undefined) throw new CliError('epg parse needs a file (see yiwang epg --help)', 2);
  if (extra.length > 0) throw new CliError(`unexpected argument "${extra[0] ?? ''}" (see yiwang epg --help)`, 2);
  const defaultCharset = values['default-charset'];
  if (defaultCharset !== undefined) findCharset(defaultCharset); // throws CharsetUnknown naming the label
  await parseEpg(file, { format: values.format, defaultCharset }, io);
}

async function parseEpg(file: string, flags: { format: string | undefined; defaultCharset: string | undefined }, io: Io): Promise<void> {
  const started = performance.now();
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
    if ((await handle.stat()).isDirectory()) {
      await handle.close();
      throw new CliError(`cannot read ${file}: it is a directory`, 1);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code ?? error)}`, 1);
  }
  const stream = handle.createReadStream({ highWaterMark: CHUNK_SIZE });
  try {
    const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const first = await chunks.next();
    const head = first.done ? new Uint8Array(0) : first.value;
    const source: EpgSource = flags.format === undefined ? detectEpgSource(head) : findEpgSource(flags.format);
    async function* input(): AsyncGenerator<Uint8Array> {
      if (first.done) return;
      yield first.value;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    }
    const report = createEpgReport();
    const options: EpgParseOptions = flags.defaultCharset === undefined ? {} : { defaultCharset: flags.defaultCharset };
    const out = new OutputWriter(io.stdout);
    for await (const batch of source.parse(input(), report, options)) {
      if (batch.programmes.length === 0) continue;
      let text = '';
      for (const programme of batch.programmes) text += `${JSON.stringify(programmeLine(programme))}\n`;
      if (!(await out.write(text))) break; // stdout was closed (e.g. piped into head)
    }
    printSummary(io.stderr, report, Math.round(performance.now() - started));
  } finally {
    stream.destroy();
    await handle.close().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------------
// yiwang alert

interface AlertFlags {
  readonly format?: string | undefined;
  readonly to?: string | undefined;
  readonly 'default-charset'?: string | undefined;
  readonly help?: boolean | undefined;
}

async function runAlert(sub: string | undefined, file: string | undefined, extra: readonly string[], values: AlertFlags, io: Io): Promise<void> {
  if (values.help) {
    io.stdout.write(alertUsage());
    return;
  }
  if (sub !== 'parse' && sub !== 'send') {
    throw new CliError(sub === undefined ? 'alert needs a subcommand: parse or send (see yiwang alert --help)'
      : `unknown alert subcommand "${sub}" (see yiwang alert --help)`, 2);
  }
  if (file === undefined) throw new CliError(`alert ${sub} needs a file (see yiwang alert --help)`, 2);
  if (extra.length > 0) throw new CliError(`unexpected argument "${extra[0] ?? ''}" (see yiwang alert --help)`, 2);
  if (values['default-charset'] !== undefined) throw new CliError('--default-charset is only for epg parse (see yiwang alert --help)', 2);
  // send only labels the body, so it also takes the standard format names a local build may leave out.
  const known = sub === 'send' ? [...new Set([...alertFormats(), ...STANDARD_ALERT_FORMATS])].sort() : alertFormats();
  if (values.format !== undefined && !known.includes(values.format)) {
    throw new CliError(`unknown alert format "${values.format}"; known formats: ${known.join(', ')} (see yiwang alert --help)`, 2);
  }
  if (sub === 'parse') {
    if (values.to !== undefined) throw new CliError('--to is only for alert send (see yiwang alert --help)', 2);
    const bytes = await readAlertFile(file);
    io.stdout.write(`${JSON.stringify(parseAlertFile(bytes, values.format), null, 2)}\n`);
    return;
  }
  if (values.to === undefined) throw new CliError('alert send needs --to <headend-url> (see yiwang alert --help)', 2);
  const endpoint = alertsEndpoint(values.to, values.format);
  const bytes = await readAlertFile(file);
  await sendAlert(endpoint, bytes, values.format, io);
}

/** The whole file; unreadable → exit 1. */
async function readAlertFile(file: string): Promise<Uint8Array<ArrayBuffer>> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new CliError(`cannot read ${file}: it is a directory`, 1);
    if (info.size > ALERT_MAX_BYTES) throw new CliError(`cannot read ${file}: ${info.size} bytes is more than an alert message may have (${ALERT_MAX_BYTES})`, 1);
    return new Uint8Array(await readFile(file));
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code ?? error)}`, 1);
  }
}

/** Parses with the named or detected format; any failure is a rejected input (exit 2). */
function parseAlertFile(bytes: Uint8Array, format: string | undefined): unknown {
  try {
    return parseAlert(bytes, format === undefined ? undefined : findAlertFormat(format).format);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), 2);
  }
}

/** `<base>/api/alerts[?format=…]`; a base that is not an http(s) URL is a usage error. */
function alertsEndpoint(base: string, format: string | undefined): URL {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new CliError(`--to "${base}" is not a URL (see yiwang alert --help)`, 2);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError(`--to "${base}" is not an http or https URL`, 2);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/api/alerts`;
  url.search = format === undefined ? '' : `?format=${encodeURIComponent(format)}`;
  url.hash = '';
  return url;
}

/** SCTE 18 is binary; everything else is XML. Without a format, the registry's probe, then a look at the first byte. */
function alertContentType(bytes: Uint8Array, format: string | undefined): string {
  let known = format;
  if (known === undefined) {
    try {
      known = detectAlertFormat(bytes).format;
    } catch {
      known = undefined;
    }
  }
  if (known !== undefined) return known === 'scte18' ? 'application/octet-stream' : 'application/xml';
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  return utf16 || bytes[i] === 0x3c ? 'application/xml' : 'application/octet-stream';
}

async function sendAlert(endpoint: URL, bytes: Uint8Array<ArrayBuffer>, format: string | undefined, io: Io): Promise<void> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': alertContentType(bytes, format), Accept: 'application/json' },
      body: bytes,
      redirect: 'manual',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    throw new CliError(`cannot reach ${endpoint.origin}: ${networkReason(error)}`, 1);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new CliError(`the headend at ${endpoint.origin} broke off its answer: ${networkReason(error)}`, 1);
  }
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    answer = undefined;
  }
  io.stdout.write(answer === undefined ? (text.endsWith('\n') || text === '' ? text : `${text}\n`) : `${JSON.stringify(answer, null, 2)}\n`);
  const { status } = response;
  if (status >= 200 && status < 300) return;
  const reason = answerReason(answer, text, response.statusText);
  if (status >= 400 && status < 500) throw new CliError(`the headend refused the alert: ${status} ${reason}`, 2);
  if (status >= 300 && status < 400) {
    throw new CliError(`the headend answered ${status} (redirect to ${response.headers.get('location') ?? '?'}); give the final URL with --to`, 1);
  }
  throw new CliError(`the headend failed: ${status} ${reason}`, 1);
}

/** `{error, reason}` (the headend's shape) or `{message}` as one line; else the body's first line. */
function answerReason(answer: unknown, text: string, statusText: string): string {
  if (typeof answer === 'object' && answer !== null) {
    const { error, reason, message } = answer as Record<string, unknown>;
    const parts = [error, reason ?? message].filter((p): p is string => typeof p === 'string' && p !== '');
    if (parts.length > 0) return parts.join(': ');
  }
  const first = text.trim().split('\n')[0] ?? '';
  return first === '' ? statusText : first.slice(0, 200);
}

function networkReason(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${SEND_TIMEOUT_MS / 1000} s`;
  const cause = error instanceof Error ? (error.cause as NodeJS.ErrnoException | undefined) : undefined;
  if (cause?.code !== undefined) return cause.code;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------------

/** Writes to stdout with backpressure; stops quietly when the reader goes away (EPIPE). */
class OutputWriter {
  private closed = false;

  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') this.closed = true;
      else throw error;
    });
  }

  /** Resolves false once the reader is gone. */
  async write(text: string): Promise<boolean> {
    if (this.closed) return false;
    if (!this.stream.write(text)) {
      try {
        await once(this.stream, 'drain');
      } catch {
        this.closed = true;
      }
    }
    return !this.closed;
  }
}

/** Chinese first, then English, then whatever language comes first; '' when there is no text. */
function pickText(texts: LangText | undefined): string {
  if (!texts) return '';
  const langs = Object.keys(texts);
  const pick = (test: (lang: string) => boolean): string | undefined => {
    const lang = langs.find(test);
    return lang === undefined ? undefined : texts[lang];
  };
  return pick((l) => l === 'zh') ?? pick((l) => /^(zh|chi|zho)(\b|[-_])/.test(l))
    ?? pick((l) => l === 'en') ?? pick((l) => /^(en|eng)(\b|[-_])/.test(l))
    ?? pick(() => true) ?? '';
}

interface ProgrammeLine {
  channel: string;
  start: string;
  end: string;
  title: string;
  desc: string;
  genres: readonly string[];
  minAge: number | null;
  eventId?: number;
  id: string;
}

function programmeLine(p: Programme): ProgrammeLine {
  const line: ProgrammeLine = {
    channel: p.channelId,
    start: new Date(p.start).toISOString(),
    end: new Date(p.end).toISOString(),
    title: pickText(p.titles),
    desc: pickText(p.descriptions),
    genres: p.genres,
    minAge: p.rating?.minAge ?? null,
    id: p.id,
  };
  if (p.eventId !== undefined) {
    // Keep eventId before id in the printed object.
    const { id, ...rest } = line;
    return { ...rest, eventId: p.eventId, id };
  }
  return line;
}

function printSummary(stderr: NodeJS.WritableStream, report: EpgParseReport, ms: number): void {
  let text = '';
  for (const warning of report.warnings.slice(0, WARNING_LINES)) {
    text += `warning: ${warning.code}: ${warning.message}${warning.where ? ` (${warning.where})` : ''}\n`;
  }
  const counted = report.skipped + report.repaired;
  if (report.warnings.length > WARNING_LINES || counted > report.warnings.length) {
    text += `warning: … more not shown (${report.skipped} skipped and ${report.repaired} repaired in all)\n`;
  }
  const { channels, programmes, skipped, repaired } = report;
  text += `${JSON.stringify({ channels, programmes, skipped, repaired, ms })}\n`;
  stderr.write(text);
}

process.exitCode = await main(process.argv.slice(2));
