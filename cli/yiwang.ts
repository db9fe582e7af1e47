/**
 * The `yiwang` command line (Node ESM). Run through `bin/yiwang.js`.
 *
 *   yiwang epg parse <file> [--format xmltv|eit|ts|json] [--default-charset <label>]
 *
 * Prints one JSON programme per line on stdout (NDJSON), then on stderr up to 20 warnings and a one-line
 * JSON summary. Formats come from the EPG source registry, so every registered source works here.
 * Exit status: 0 parsed, 1 unreadable file / unknown format / refused or malformed input, 2 usage error.
 */
import { once } from 'node:events';
import { open, type FileHandle } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  createEpgReport, detectEpgSource, epgFormats, findEpgSource, type EpgParseOptions, type EpgParseReport, type EpgSource,
  findCharset, type LangText, type Programme, YiwangError,
} from '../sdk/index.js';

/** Warnings printed before the summary, at most. */
const WARNING_LINES = 20;

const CHUNK_SIZE = 1 << 16;

const MAIN_USAGE = `Usage: yiwang <command> [options]

Commands:
  epg parse <file>   parse an EPG file (XMLTV, DVB EIT sections, MPEG-TS, operator JSON)
                     and print one programme per line as JSON

Options:
  -h, --help         show help (also: yiwang epg --help)
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
  if (command !== 'epg') throw new CliError(`unknown command "${command}" (see yiwang --help)`, 2);
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
