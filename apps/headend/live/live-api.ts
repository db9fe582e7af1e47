/**
 * Live-TV endpoints of the headend: the channel lineup, the operator's CA prompt texts, a guide for the
 * lineup, and test media. Files are read on every request (they are small), so an operator can edit them
 * while the headend runs.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { generateGuideXmltv, type GuideChannelInput } from './guide-xmltv.js';
import { serveStatic } from '../static-files.js';

export interface HeadendLiveOptions {
  /** The JSON lineup served at `/api/lineup` (YIWANG_LINEUP). */
  readonly lineupFile: string;
  /** Operator CA prompt texts served at `/api/ca-prompts` (YIWANG_CA_PROMPTS). */
  readonly caPromptsFile: string;
  /** Folder served under `/media/` (test streams, the ClearKey clip). */
  readonly mediaRoot: string;
  /** The clock for the guide (ms since epoch). */
  readonly now?: () => number;
}

type Send = (res: ServerResponse, status: number, body: unknown) => void;

/** A JSON file's content, or an error naming the file and what is wrong with it. */
async function readJsonFile(file: string): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return { ok: false, error: `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: `${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}

const THEMES: readonly (readonly [RegExp, string])[] = [
  [/体育|足球|高尔夫|网球|CCTV-5/, 'sports'],
  [/电影|CHC|CCTV-6/, 'movies'],
  [/新闻|News|CCTV-13|CCTV-4/, 'news'],
  [/财经|CCTV-2/, 'finance'],
  [/综艺|生活|CCTV-3/, 'variety'],
  [/纪录|军事|CCTV-9|CCTV-7/, 'documentary'],
  [/剧|CCTV-8/, 'drama'],
  [/科教|CCTV-10/, 'science'],
  [/戏曲|CCTV-11/, 'opera'],
  [/法/, 'law'],
  [/少儿|CCTV-14/, 'kids'],
  [/音乐|CCTV-15/, 'music'],
];

/** The guide's channels from a lineup document: its well-formed channels, hidden ones excluded. */
function guideChannels(lineup: unknown): GuideChannelInput[] {
  const channels = (lineup as { channels?: unknown } | null)?.channels;
  if (!Array.isArray(channels)) return [];
  const out: GuideChannelInput[] = [];
  for (const item of channels as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const c = item as Record<string, unknown>;
    const id = typeof c.epgId === 'string' ? c.epgId : c.id;
    if (typeof id !== 'string' || typeof c.name !== 'string' || c.hidden === true) continue;
    const theme = THEMES.find(([pattern]) => pattern.test(c.name as string))?.[1] ?? 'general';
    out.push({ id, name: c.name, kind: c.kind === 'radio' ? 'radio' : 'tv', theme });
  }
  return out;
}

export function createLiveApi(options: HeadendLiveOptions, sendJson: Send) {
  const now = options.now ?? Date.now;
  return {
    /** Answers the request when it is a live-TV route; resolves false otherwise. */
    async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
      const path = url.pathname;
      if (path !== '/api/lineup' && path !== '/api/ca-prompts' && path !== '/api/guide.xml' && !path.startsWith('/media/')) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        sendJson(res, 405, { error: `Method ${req.method ?? '?'} not allowed on ${path}` });
        return true;
      }
      if (path.startsWith('/media/')) {
        if (!(await serveStatic(options.mediaRoot, req, res, path.slice('/media'.length)))) sendJson(res, 404, { error: `Not found: ${path}` });
        return true;
      }
      const file = path === '/api/ca-prompts' ? options.caPromptsFile : options.lineupFile;
      const read = await readJsonFile(file);
      if (!read.ok) {
        console.error(`[headend] ${path}: ${read.error}`);
        sendJson(res, 500, { error: read.error });
        return true;
      }
      if (path !== '/api/guide.xml') {
        sendJson(res, 200, read.value);
        return true;
      }
      const xml = generateGuideXmltv(guideChannels(read.value), { now: now() });
      res.writeHead(200, { 'Content-Type': 'application/xml; charset=utf-8', 'Content-Length': Buffer.byteLength(xml), 'Cache-Control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : xml);
      return true;
    },
  };
}
