/**
 * The `yiwang alert parse` and `yiwang alert send` command lines, run as users run them: `node bin/yiwang.js …`
 * in a child process, on temporary files. `send` talks to a small node:http server standing in for the
 * headend. All alert messages here are synthetic.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { crc32Mpeg } from '../../../sdk/epg/sources/eit/crc32-mpeg.js';
import { alertFormats, type Alert } from '../../../sdk/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const BIN = resolve(repoRoot, 'bin/yiwang.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function yiwang(args: readonly string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** Exactly one line on stderr, matching. */
function assertOneLine(run: Run, pattern: RegExp): void {
  assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
  assert.match(run.stderr.trimEnd(), pattern);
}

// Synthetic EBD: made-up identifiers and area codes.
const EBD = `<?xml version="1.0" encoding="UTF-8"?>
<EBD>
  <EBDVersion>1</EBDVersion>
  <EBDID>01341010000000000000001010000000000000099</EBDID>
  <EBDType>EBM</EBDType>
  <SRC><EBRID>341010000000000000001</EBRID></SRC>
  <EBDTime>2025-07-01 09:59:58</EBDTime>
  <EBM>
    <EBMVersion>1</EBMVersion>
    <EBMID>34101000000000000000101202507010009</EBMID>
    <MsgBasicInfo>
      <MsgType>1</MsgType>
      <SenderName>合肥市应急广播中心</SenderName>
      <SenderCode>341010000000000000001</SenderCode>
      <SendTime>2025-07-01 10:00:00</SendTime>
      <EventType>11B06</EventType>
      <Severity>2</Severity>
      <StartTime>2025-07-01 10:00:00</StartTime>
      <EndTime>2025-07-01 18:00:00</EndTime>
    </MsgBasicInfo>
    <MsgContent>
      <LanguageCode>zho</LanguageCode>
      <MsgTitle>合肥市发布大风橙色预警</MsgTitle>
      <MsgDesc>预计未来12小时内将出现10级以上大风。</MsgDesc>
      <AreaCode>340102000000,340103000000</AreaCode>
      <ProgramNum>1</ProgramNum>
    </MsgContent>
  </EBM>
</EBD>
`;

const u16 = (v: number): number[] => [(v >> 8) & 0xff, v & 0xff];
const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/** A synthetic SCTE 18 cable_emergency_alert section: event 0x0102, WXR/TOR, priority 11, one location. */
function scte18Section(badCrc = false): Uint8Array {
  const nature = [1, ...ascii('eng'), 1, 0, 0, 15, ...ascii('Tornado Warning')];
  const text = [1, ...ascii('eng'), 1, 0, 0, 12, ...ascii('Take shelter')];
  const body = [
    0, 0, 0xc0 | (3 << 1) | 1, 0, 0, 0, // table_id_extension, sequence_number 3, section numbers, protocol_version
    ...u16(0x0102), ...ascii('WXR'), 3, ...ascii('TOR'), nature.length, ...nature,
    30, 0, 0, 0, 0, 0, 0, 0xff, 0xf0 | 11, // time remaining 30 s, immediate, no duration, priority 11
    0, 0, 0xfc, 5, 0xfc, 1, 0, 0, // details OOB 0, channel 5.1, audio OOB 0
    ...u16(text.length), ...text,
    1, 8, 0x0c, 31, // location 8.0.31
    0, 0xfc, 0, // no exceptions, no descriptors
  ];
  const length = body.length + 4;
  const bytes = new Uint8Array([0xd8, 0xb0 | (length >> 8), length & 0xff, ...body, 0, 0, 0, 0]);
  const crc = (crc32Mpeg(bytes, 0, bytes.length - 4) ^ (badCrc ? 1 : 0)) >>> 0;
  bytes.set([crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff], bytes.length - 4);
  return bytes;
}

const CAP = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>yiwang-cli-test-1</identifier>
  <sender>cli-test@example.cn</sender>
  <sent>2025-07-01T10:00:00+08:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>大风</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Observed</certainty>
    <headline>大风橙色预警</headline>
    <area><areaDesc>合肥市</areaDesc><geocode><valueName>GB/T 2260</valueName><value>340100</value></geocode></area>
  </info>
</alert>
`;

void describe('yiwang alert (CLI)', () => {
  let dir: string;
  const file = (name: string): string => join(dir, name);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yiwang-alert-cli-'));
    await writeFile(file('ebd.xml'), EBD);
    await writeFile(file('scte18.bin'), scte18Section());
    await writeFile(file('scte18-bad-crc.bin'), scte18Section(true));
    await writeFile(file('cap.xml'), CAP);
    await writeFile(file('doctype.xml'), `<?xml version="1.0"?>\n<!DOCTYPE EBD [<!ENTITY lol "lol">]>\n${EBD.slice(EBD.indexOf('<EBD>'))}`);
    await writeFile(file('entity-only.xml'), `<!ENTITY x SYSTEM "file:///etc/passwd">\n${EBD.slice(EBD.indexOf('<EBD>'))}`);
    await writeFile(file('no-ebmid.xml'), EBD.replace(/ *<EBMID>.*<\/EBMID>\n/, ''));
    await writeFile(file('malformed.xml'), EBD.replace('</MsgTitle>', '</MsgDesc>'));
    await writeFile(file('notes.txt'), 'not an alert\n');
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  void it('parses an EBD message and prints the normalized alert as pretty JSON', async () => {
    const run = await yiwang(['alert', 'parse', file('ebd.xml')]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^\{\n {2}"key": "ebm:34101000000000000000101202507010009",\n/);
    const alert = JSON.parse(run.stdout) as Alert;
    assert.equal(alert.format, 'ebd');
    assert.equal(alert.level, 2);
    assert.equal(alert.sent, Date.UTC(2025, 6, 1, 2, 0, 0));
    assert.deepEqual(alert.areas[0]?.regionCodes, ['340102000000', '340103000000']);
    assert.equal(alert.texts.zho?.headline, '合肥市发布大风橙色预警');
    const named = await yiwang(['alert', 'parse', file('ebd.xml'), '--format', 'ebd']);
    assert.deepEqual(JSON.parse(named.stdout), alert);
  });

  void it('parses an SCTE 18 section', async () => {
    const run = await yiwang(['alert', 'parse', file('scte18.bin')]);
    assert.equal(run.status, 0, run.stderr);
    const alert = JSON.parse(run.stdout) as Alert;
    assert.equal(alert.key, 'scte18:258');
    assert.equal(alert.sequence, 3);
    assert.equal(alert.level, 2);
    assert.equal(alert.displaySeconds, 30);
    assert.deepEqual(alert.detailsChannel, { major: 5, minor: 1 });
    assert.deepEqual(alert.areas[0]?.geocodes, [{ name: 'SCTE18', value: '8.0.31' }]);
    assert.deepEqual(alert.texts.eng, { headline: 'Tornado Warning', event: 'Tornado Warning', description: 'Take shelter' });
  });

  void it('parses CAP when the cap format is registered', { skip: alertFormats().includes('cap') ? false : 'cap format not registered' }, async () => {
    const run = await yiwang(['alert', 'parse', file('cap.xml')]);
    assert.equal(run.status, 0, run.stderr);
    const alert = JSON.parse(run.stdout) as Alert;
    assert.equal(alert.format, 'cap');
    assert.equal(alert.identifier, 'yiwang-cli-test-1');
  });

  void it('exits 2 with one clear line for DOCTYPE/entity, rejected, malformed and unrecognised input', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['alert', 'parse', file('doctype.xml')], /^yiwang: \[5003\] ebd: refused <!DOCTYPE at line 2, column 1 .*no entity is expanded/],
      [['alert', 'parse', file('doctype.xml'), '--format', 'ebd'], /^yiwang: \[5003\] ebd: refused <!DOCTYPE/],
      [['alert', 'parse', file('entity-only.xml'), '--format', 'ebd'], /^yiwang: \[5003\] ebd: refused <!ENTITY at line 1, column 1/],
      [['alert', 'parse', file('no-ebmid.xml')], /^yiwang: \[6002\] ebd: <EBM> at line 8 has no <EBMID>$/],
      [['alert', 'parse', file('malformed.xml')], /^yiwang: \[6002\] ebd: malformed XML at line 23, /],
      [['alert', 'parse', file('scte18-bad-crc.bin')], /^yiwang: \[6002\] scte18: CRC_32 0x[0-9A-F]{8} does not match the section/],
      [['alert', 'parse', file('ebd.xml'), '--format', 'scte18'], /^yiwang: \[6002\] scte18: table_id 0x3C at offset 0 is not cable_emergency_alert/],
      [['alert', 'parse', file('notes.txt')], /^yiwang: \[6001\] Cannot tell the alert format of this input; give one of: .*ebd.*scte18/],
      [['alert', 'parse', file('ebd.xml'), '--format', 'klingon'], /^yiwang: unknown alert format "klingon"; known formats: .*ebd, scte18/],
    ];
    for (const [args, pattern] of cases) {
      const run = await yiwang(args);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.equal(run.stdout, '');
      assertOneLine(run, pattern);
    }
  });

  void it('exits 1 for a file it cannot read', async () => {
    for (const [args, pattern] of [
      [['alert', 'parse', file('missing.xml')], /^yiwang: cannot read .*missing\.xml: no such file$/],
      [['alert', 'parse', dir], /^yiwang: cannot read .*: it is a directory$/],
      [['alert', 'send', file('missing.xml'), '--to', 'http://127.0.0.1:1'], /^yiwang: cannot read .*missing\.xml: no such file$/],
    ] as Array<[string[], RegExp]>) {
      const run = await yiwang(args);
      assert.equal(run.status, 1, args.join(' '));
      assert.equal(run.stdout, '');
      assertOneLine(run, pattern);
    }
  });

  void it('exits 2 on wrong usage, and prints help', async () => {
    for (const args of [
      ['alert'], ['alert', 'parse'], ['alert', 'frobnicate', 'x'], ['alert', 'parse', 'a', 'b'], ['alert', 'parse', file('ebd.xml'), '--to', 'http://x'],
      ['alert', 'send', file('ebd.xml')], ['alert', 'send', file('ebd.xml'), '--to', 'not a url'], ['alert', 'send', file('ebd.xml'), '--to', 'ftp://x'],
      ['alert', 'parse', file('ebd.xml'), '--default-charset', 'gb2312'], ['epg', 'parse', file('ebd.xml'), '--to', 'http://x'],
    ]) {
      const run = await yiwang(args);
      assert.equal(run.status, 2, args.join(' '));
      assertOneLine(run, /^yiwang: /);
    }
    const help = await yiwang(['alert', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: yiwang alert parse <file>/);
    assert.match(help.stdout, /--format <format> +one of: .*ebd, scte18/);
    assert.match(help.stdout, /--to <url>/);
    const main = await yiwang(['--help']);
    assert.match(main.stdout, /alert parse <file>/);
    assert.match(main.stdout, /alert send <file> --to <headend-url>/);
  });

  void describe('alert send', () => {
    interface Received {
      method: string | undefined;
      url: string | undefined;
      contentType: string | undefined;
      body: Buffer;
    }
    let server: Server;
    let base: string;
    const received: Received[] = [];
    /** What the fake headend answers next: status and body. */
    let reply: [number, string] = [202, '{}'];

    before(async () => {
      server = createServer((req: IncomingMessage, res: ServerResponse) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          received.push({ method: req.method, url: req.url, contentType: req.headers['content-type'], body: Buffer.concat(chunks) });
          res.writeHead(reply[0], { 'Content-Type': 'application/json; charset=utf-8' });
          res.end(reply[1]);
        });
      });
      await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    after(async () => {
      await new Promise<void>((closed) => server.close(() => closed()));
    });

    void it('POSTs the file body as application/xml to <url>/api/alerts and prints the JSON answer (exit 0)', async () => {
      received.length = 0;
      const answer = { key: 'ebm:34101000000000000000101202507010009', format: 'ebd', msgType: 'alert', topics: ['yiwang/alerts/34'] };
      reply = [202, JSON.stringify(answer)];
      const run = await yiwang(['alert', 'send', file('ebd.xml'), '--to', `${base}/`]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr, '');
      assert.deepEqual(JSON.parse(run.stdout), answer);
      assert.equal(received.length, 1);
      const [request] = received;
      assert.ok(request);
      assert.equal(request.method, 'POST');
      assert.equal(request.url, '/api/alerts');
      assert.equal(request.contentType, 'application/xml');
      assert.equal(request.body.toString('utf8'), EBD);
    });

    void it('sends SCTE 18 as application/octet-stream, byte for byte, and passes --format on', async () => {
      received.length = 0;
      reply = [202, '{"key":"scte18:258"}'];
      const run = await yiwang(['alert', 'send', file('scte18.bin'), '--to', `${base}/headend`, '--format', 'scte18']);
      assert.equal(run.status, 0, run.stderr);
      const [request] = received;
      assert.ok(request);
      assert.equal(request.url, '/headend/api/alerts?format=scte18');
      assert.equal(request.contentType, 'application/octet-stream');
      assert.deepEqual(new Uint8Array(request.body), scte18Section());
    });

    void it('exits 2 and prints the reason when the headend refuses (4xx)', async () => {
      reply = [400, '{"error":"AlertRejected","reason":"[6002] ebd: <EBM> at line 8 has no <EBMID>"}'];
      const run = await yiwang(['alert', 'send', file('no-ebmid.xml'), '--to', base]);
      assert.equal(run.status, 2);
      assert.deepEqual(JSON.parse(run.stdout), { error: 'AlertRejected', reason: '[6002] ebd: <EBM> at line 8 has no <EBMID>' });
      assertOneLine(run, /^yiwang: the headend refused the alert: 400 AlertRejected: \[6002\] ebd: <EBM> at line 8 has no <EBMID>$/);
    });

    void it('exits 1 on a server error (5xx) and when the headend cannot be reached', async () => {
      reply = [503, '{"error":"BrokerUnavailable","reason":"The MQTT broker did not take the alert"}'];
      const failed = await yiwang(['alert', 'send', file('ebd.xml'), '--to', base]);
      assert.equal(failed.status, 1);
      assertOneLine(failed, /^yiwang: the headend failed: 503 BrokerUnavailable: The MQTT broker did not take the alert$/);

      const closed = createServer();
      await new Promise<void>((ready) => closed.listen(0, '127.0.0.1', ready));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((done) => closed.close(() => done()));
      const unreachable = await yiwang(['alert', 'send', file('ebd.xml'), '--to', `http://127.0.0.1:${port}`]);
      assert.equal(unreachable.status, 1);
      assert.equal(unreachable.stdout, '');
      assertOneLine(unreachable, new RegExp(`^yiwang: cannot reach http://127\\.0\\.0\\.1:${port}: ECONNREFUSED$`));
    });
  });
});
