// Alert delivery end to end: POST /api/alerts on the headend → retained QoS 1 region topics → a device
// (connectAlertDelivery with a fake AlertManager) over ws://…/mqtt. Once with the embedded aedes broker,
// once with a real Mosquitto behind the headend's WebSocket relay.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import mqtt from 'mqtt';
import { WebSocket } from 'ws';
import { startHeadend, type Headend } from '../../../apps/headend/server.js';
import {
  alertFormats, connectAlertDelivery, createAlertManager, type ActiveAlert, deviceAlertSubscriptions, type Alert, type AlertDelivery, type AlertManager,
  type IngestOutcome,
} from '../../../sdk/index.js';

const SENDER = 'yiwang-test@example.cn';
const MOSQUITTO = '/usr/sbin/mosquitto';

/** CAP time in Beijing time, whole seconds. */
function capTime(ms: number): string {
  const beijing = new Date(Math.floor(ms / 1000) * 1000 + 8 * 3600_000);
  return `${beijing.toISOString().slice(0, 19)}+08:00`;
}

interface CapOptions {
  readonly id: string;
  readonly msgType?: 'Alert' | 'Update' | 'Cancel';
  readonly regionCode?: string;
  readonly references?: string;
  readonly expires?: number;
}

/** A minimal valid CAP 1.2 message with a GB/T 2260 geocode. */
function capXml(o: CapOptions, sent = Date.now()): string {
  const msgType = o.msgType ?? 'Alert';
  const info = msgType === 'Cancel' ? '' : `
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>大风</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Observed</certainty>
    <expires>${capTime(o.expires ?? Date.now() + 3600_000)}</expires>
    <headline>大风橙色预警 ${o.id}</headline>
    <area>
      <areaDesc>region ${o.regionCode ?? '?'}</areaDesc>
      <geocode><valueName>GB/T 2260</valueName><value>${o.regionCode ?? ''}</value></geocode>
    </area>
  </info>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${o.id}</identifier>
  <sender>${SENDER}</sender>
  <sent>${capTime(sent)}</sent>
  <status>Actual</status>
  <msgType>${msgType}</msgType>
  <scope>Public</scope>${o.references === undefined ? '' : `\n  <references>${o.references}</references>`}${info}
</alert>`;
}

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

/** One-language, one-segment multiple_string_structure (uncompressed, mode 0). */
function mss(text: string): number[] {
  return [1, ...ascii('eng'), 1, 0, 0, text.length, ...ascii(text)];
}

/** CRC-32/MPEG-2 (polynomial 0x04C11DB7, no reflection). */
function crc32Mpeg2(bytes: readonly number[]): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte << 24;
    for (let i = 0; i < 8; i++) crc = crc & 0x80000000 ? ((crc << 1) ^ 0x04c11db7) : crc << 1;
  }
  return crc >>> 0;
}

/** A cable_emergency_alert() section (SCTE 18, table_id 0xD8): a 60-minute tornado warning, priority High. */
function scte18Section(eventId: number): Uint8Array<ArrayBuffer> {
  const nature = mss('Tornado Warning');
  const text = mss('Take shelter now');
  const body = [
    0x00, eventId >> 8, eventId & 0xff, ...ascii('WXR'), 3, ...ascii('TOR'), nature.length, ...nature,
    0, 0, 0, 0, 0, // time remaining 0, start immediately
    0, 60, // duration, minutes
    0xff, 0xf0 | 11, // reserved, priority High
    0, 0, 0xfc, 0, 0xfc, 0, 0, 0, // no details channel, no audio
    text.length >> 8, text.length & 0xff, ...text,
    1, 6, 0x0c, 0x25, // one location: state 6, all subdivisions, county 37
    0, // no exceptions
    0xfc, 0x00, // no descriptors
  ];
  const length = 5 + body.length + 4;
  const section = [0xd8, 0xb0 | (length >> 8), length & 0xff, 0, 0, 0xc1, 0, 0, ...body];
  const crc = crc32Mpeg2(section);
  return Uint8Array.from([...section, crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]);
}

async function post(headend: Headend, body: string | Uint8Array<ArrayBuffer>, type: string | undefined, query = ''):
Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = type === undefined ? {} : { 'Content-Type': type };
  const res = await fetch(`${headend.url}/api/alerts${query}`, { method: 'POST', headers, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** An AlertManager stand-in: records every ingest. */
class FakeManager implements Pick<AlertManager, 'ingest'> {
  readonly ingested: { alert: Alert; origin: string; at: number }[] = [];
  #waiters: { test: (a: Alert) => boolean; done: (a: Alert) => void }[] = [];

  ingest(alert: Alert, origin: 'broadcast' | 'inband' | 'local'): Promise<IngestOutcome> {
    this.ingested.push({ alert, origin, at: performance.now() });
    for (const w of this.#waiters.filter((x) => x.test(alert))) {
      this.#waiters.splice(this.#waiters.indexOf(w), 1);
      w.done(alert);
    }
    return Promise.resolve({ accepted: true, action: 'added' });
  }

  /** Resolves with the first ingested alert (already or later) that passes `test`. */
  waitFor(test: (a: Alert) => boolean, what: string, ms = 5000): Promise<Alert> {
    const seen = this.ingested.find((i) => test(i.alert));
    if (seen) return Promise.resolve(seen.alert);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
      this.#waiters.push({ test, done: (a) => { clearTimeout(timer); resolve(a); } });
    });
  }
}

function waitConnected(delivery: AlertDelivery, ms = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { sub.unsubscribe(); reject(new Error('device did not connect')); }, ms);
    const sub = delivery.connected.subscribe((up) => {
      if (!up) return;
      clearTimeout(timer);
      queueMicrotask(() => sub.unsubscribe());
      resolve();
    });
  });
}

/** What a fresh subscriber gets retained on `filters` (clean session): waits `settleMs`, longer while messages still arrive. */
async function retained(url: string, filters: string[], settleMs = 300): Promise<Map<string, string>> {
  const client = await mqtt.connectAsync(url, { clientId: `late-${Math.random().toString(16).slice(2, 10)}`, clean: true });
  const got = new Map<string, string>();
  let last = performance.now();
  client.on('message', (topic, payload, packet) => {
    last = performance.now();
    if (packet.retain) got.set(topic, payload.toString('utf8'));
  });
  await client.subscribeAsync(filters, { qos: 1 });
  await new Promise((r) => setTimeout(r, settleMs));
  while (performance.now() - last < 100) await new Promise((r) => setTimeout(r, 50));
  await client.endAsync();
  return got;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connectTcp({ host: '127.0.0.1', port }, () => { socket.destroy(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The same flow for either broker. `tag` keeps identifiers apart between runs. */
function deliveryFlow(tag: string, setup: () => { headend: Headend }): void {
  const device = new FakeManager();
  let delivery: AlertDelivery;
  let headend: Headend;
  const id = (n: string): string => `${tag}-${n}-${Date.now()}`;
  const ids = { beijing: id('beijing'), shenzhen: id('shenzhen'), chaoyang: id('chaoyang') };
  let beijingTopics: string[] = [];
  const chain = deviceAlertSubscriptions({ regionCode: '110105' });

  before(async () => {
    headend = setup().headend;
    delivery = connectAlertDelivery(device, {
      url: headend.mqttUrl, location: { regionCode: '110105' }, clientId: `dev-${tag}-${process.pid}`, reconnectPeriodMs: 200,
    });
    await waitConnected(delivery);
    // Subscriptions are made right after CONNACK; let the SUBACK through before the first publish.
    await new Promise((r) => setTimeout(r, 100));
  });
  after(async () => {
    await delivery.close();
  });

  it('subscribes to the region chain of 110105', () => {
    assert.deepEqual(delivery.subscriptions(), [
      'yiwang/alerts/cn/a/+', 'yiwang/alerts/cn/11/a/+', 'yiwang/alerts/cn/11/1101/a/+', 'yiwang/alerts/cn/11/1101/110105/a/+',
    ]);
  });

  it('delivers a province-wide alert (110000) to a device in 110105 and retains it', async (t) => {
    const started = performance.now();
    const res = await post(headend, capXml({ id: ids.beijing, regionCode: '110000' }), 'application/cap+xml');
    assert.equal(res.status, 202, JSON.stringify(res.json));
    assert.equal(res.json.key, `cap:${SENDER}/${ids.beijing}`);
    beijingTopics = res.json.topics as string[];
    assert.equal(beijingTopics.length, 1);
    assert.match(beijingTopics[0] ?? '', /^yiwang\/alerts\/cn\/11\/a\/[0-9a-f]{16}$/);
    const alert = await device.waitFor((a) => a.identifier === ids.beijing, 'province alert');
    const roundTrip = (device.ingested.find((i) => i.alert === alert)?.at ?? NaN) - started;
    t.diagnostic(`POST → device ingest round trip (${tag}): ${roundTrip.toFixed(1)} ms`);
    assert.equal(alert.msgType, 'alert');
    assert.deepEqual(alert.areas[0]?.regionCodes, ['110000']);
    assert.equal(device.ingested.find((i) => i.alert === alert)?.origin, 'broadcast');

    const late = await retained(headend.mqttUrl, chain);
    assert.equal(late.size, 1);
    const message = JSON.parse(late.get(beijingTopics[0] ?? '') ?? '{}') as Record<string, unknown>;
    assert.equal(message.format, 'cap');
    assert.equal(message.encoding, 'text');
    assert.match(String(message.body), new RegExp(ids.beijing));
  });

  it('does not deliver an alert for 440300 (Shenzhen) to a device in 110105', async () => {
    const res = await post(headend, capXml({ id: ids.shenzhen, regionCode: '440300' }), 'application/xml');
    assert.equal(res.status, 202, JSON.stringify(res.json));
    assert.match((res.json.topics as string[])[0] ?? '', /^yiwang\/alerts\/cn\/44\/4403\/a\//);
    // A county-level alert for the device's own district, published after it, arrives; Shenzhen's never does.
    const own = await post(headend, capXml({ id: ids.chaoyang, regionCode: '110105' }), 'text/xml');
    assert.deepEqual(own.json.topics, [`yiwang/alerts/cn/11/1101/110105/a/${String((own.json.topics as string[])[0]).split('/').pop()}`]);
    await device.waitFor((a) => a.identifier === ids.chaoyang, 'district alert');
    assert.equal(device.ingested.some((i) => i.alert.identifier === ids.shenzhen), false);
  });

  it('replaces the retained message with a cancel on the topics of the alert it cancels', async () => {
    const cancelId = id('cancel');
    const res = await post(headend, capXml({
      id: cancelId, msgType: 'Cancel', references: `${SENDER},${ids.beijing},${capTime(Date.now())}`,
    }), 'application/cap+xml');
    assert.equal(res.status, 202, JSON.stringify(res.json));
    assert.deepEqual(res.json.topics, beijingTopics);
    const cancel = await device.waitFor((a) => a.identifier === cancelId, 'cancel');
    assert.deepEqual(cancel.referenceKeys, [`cap:${SENDER}/${ids.beijing}`]);

    const late = await retained(headend.mqttUrl, chain);
    const onBeijing = JSON.parse(late.get(beijingTopics[0] ?? '') ?? '{}') as Record<string, unknown>;
    assert.match(String(onBeijing.body), new RegExp(cancelId));
    assert.doesNotMatch(String(onBeijing.body), new RegExp(`<identifier>${ids.beijing}`));
    assert.equal(late.size, 2, 'the cancel on the province topic and the district alert');
  });

  it('answers 400 / 413 / 415 with a reason, and publishes nothing', async () => {
    const before = device.ingested.length;
    const broken = await post(headend, '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</ident', 'application/xml', '?format=cap');
    assert.equal(broken.status, 400);
    assert.equal(broken.json.error, 'AlertRejected');
    assert.equal(typeof broken.json.reason, 'string');

    const doctype = await post(headend, '<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x "boom">]>'
      + '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&x;</identifier></alert>', 'application/xml');
    assert.equal(doctype.status, 400);
    assert.equal(doctype.json.error, 'XmlDoctypeRefused');
    assert.ok(String(doctype.json.reason).length > 0);

    const missing = await post(headend, capXml({ id: id('nosender'), regionCode: '110000' }).replace(/<sender>.*<\/sender>/, ''), 'application/xml');
    assert.equal(missing.status, 400);
    assert.match(String(missing.json.reason), /sender/);

    const unknown = await post(headend, capXml({ id: id('fmt'), regionCode: '110000' }), 'application/xml', '?format=nope');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json.error, 'AlertFormatUnknown');

    const expired = await post(headend, capXml({ id: id('old'), regionCode: '110000', expires: Date.now() - 60_000 }, Date.now() - 120_000), 'application/xml');
    assert.equal(expired.status, 400);
    assert.equal(expired.json.error, 'AlertExpired');

    const plain = await post(headend, capXml({ id: id('plain'), regionCode: '110000' }), 'text/plain');
    assert.equal(plain.status, 415);
    assert.equal(plain.json.error, 'UnsupportedMediaType');
    assert.match(String(plain.json.reason), /text\/plain/);
    assert.equal((await post(headend, 'x', undefined)).status, 415);

    const huge = await post(headend, capXml({ id: id('huge'), regionCode: '110000' }).replace('</alert>', `<note>${'x'.repeat(300 * 1024)}</note></alert>`), 'application/xml');
    assert.equal(huge.status, 413);
    assert.equal(huge.json.error, 'PayloadTooLarge');

    const section = await post(headend, new Uint8Array([0xd8, 0x00, 0x03, 0x01, 0x02, 0x03]), 'application/octet-stream');
    assert.equal(section.status, 400, JSON.stringify(section.json));
    assert.equal(typeof section.json.reason, 'string');

    const empty = await post(headend, '', 'application/xml');
    assert.equal(empty.status, 400);

    // The connection is still good after all that, and nothing reached the device.
    const health = await fetch(`${headend.url}/api/health`);
    assert.equal(health.status, 200);
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(device.ingested.length, before);
  });

  it('lists what is retained', async () => {
    const res = await fetch(`${headend.url}/api/alerts`);
    const json = (await res.json()) as { alerts: { keys: string[]; topics: string[] }[] };
    const beijing = json.alerts.find((a) => a.keys.includes(`cap:${SENDER}/${ids.beijing}`));
    assert.ok(beijing);
    assert.deepEqual(beijing.topics, beijingTopics);
    assert.equal(beijing.keys.length, 2, 'the alert and its cancel share one entry');
  });

  it('delivers an SCTE 18 section (base64 on the wire) on the country topic', async () => {
    const eventId = 0x1000 + Math.floor(Math.random() * 0xe000);
    const res = await post(headend, scte18Section(eventId), 'application/octet-stream');
    assert.equal(res.status, 202, JSON.stringify(res.json));
    assert.equal(res.json.key, `scte18:${eventId}`);
    const topic = (res.json.topics as string[])[0] ?? '';
    assert.match(topic, /^yiwang\/alerts\/cn\/a\/[0-9a-f]{16}$/);
    const alert = await device.waitFor((a) => a.key === `scte18:${eventId}`, 'SCTE 18 alert');
    assert.equal(alert.format, 'scte18');
    assert.equal(alert.level, 2);
    const message = JSON.parse((await retained(headend.mqttUrl, chain)).get(topic) ?? '{}') as Record<string, unknown>;
    assert.equal(message.encoding, 'base64');
    assert.deepEqual(new Uint8Array(Buffer.from(String(message.body), 'base64')), scte18Section(eventId));
  });

  it('clears the retained message once the alert has expired', async () => {
    const shortId = id('short');
    const res = await post(headend, capXml({ id: shortId, regionCode: '110100', expires: Date.now() + 1500 }), 'application/xml');
    assert.equal(res.status, 202, JSON.stringify(res.json));
    const topic = (res.json.topics as string[])[0] ?? '';
    assert.match(topic, /^yiwang\/alerts\/cn\/11\/1101\/a\//);
    await device.waitFor((a) => a.identifier === shortId, 'short alert');
    assert.ok((await retained(headend.mqttUrl, chain)).has(topic));
    const malformed = delivery.stats().malformed;
    await new Promise((r) => setTimeout(r, Math.max(0, Number(res.json.clearAt) - Date.now()) + 100));
    let still = true;
    for (let tries = 0; still && tries < 10; tries++) still = (await retained(headend.mqttUrl, chain, 100)).has(topic);
    assert.equal(still, false, 'the retained message is gone');
    assert.equal(delivery.stats().malformed, malformed, 'the empty "cleared" message is not an error');
  });
}

describe('alert delivery', () => {
  it('has the CAP parser registered', () => {
    assert.ok(alertFormats().includes('cap'), `formats: ${alertFormats().join(', ')}`);
  });

  describe('through the embedded aedes broker', () => {
    let headend: Headend;
    before(async () => {
      headend = await startHeadend({ port: 0, host: '127.0.0.1', webRoot: tmpdir() });
    });
    after(async () => {
      await headend.close();
    });

    it('uses the embedded broker', () => assert.equal(headend.alertBroker, 'embedded'));
    deliveryFlow('aedes', () => ({ headend }));

    it('feeds the real AlertManager: the alert goes on screen, its cancel takes it off', async () => {
      const manager = createAlertManager({
        location: { regionCode: '110105' }, languages: ['zh-CN'], onError: () => undefined, // no IndexedDB in Node: memory only
      });
      await manager.ready;
      const states: (readonly ActiveAlert[])[] = [];
      const sub = manager.active.subscribe((active) => states.push(active));
      const delivery = connectAlertDelivery(manager, { url: headend.mqttUrl, location: { regionCode: '110105' }, clientId: 'real-manager' });
      const until = async (test: (active: readonly ActiveAlert[]) => boolean, what: string): Promise<readonly ActiveAlert[]> => {
        for (let waited = 0; waited < 5000; waited += 20) {
          const last = states.at(-1);
          if (last && test(last)) return last;
          await new Promise((r) => setTimeout(r, 20));
        }
        throw new Error(`the manager never showed ${what}; last: ${JSON.stringify(states.at(-1)?.map((a) => a.alert.key))}`);
      };
      try {
        await waitConnected(delivery);
        const alertId = `real-${Date.now()}`;
        const posted = await post(headend, capXml({ id: alertId, regionCode: '110100' }), 'application/xml');
        assert.equal(posted.status, 202);
        const shown = await until((a) => a.some((x) => x.alert.identifier === alertId), 'the alert');
        const mine = shown.find((x) => x.alert.identifier === alertId);
        assert.ok(mine);
        assert.equal(mine.language, 'zh-cn');
        assert.match(mine.text.headline ?? '', /大风橙色预警/);
        const cancel = await post(headend, capXml({
          id: `${alertId}-cancel`, msgType: 'Cancel', references: `${SENDER},${alertId},${capTime(Date.now())}`,
        }), 'application/xml');
        assert.equal(cancel.status, 202);
        await until((a) => !a.some((x) => x.alert.identifier === alertId), 'the cancel');
      } finally {
        await delivery.close();
        sub.unsubscribe();
        manager.close();
      }
    });

    it('does not let a client publish under the alert root', async () => {
      const device = new FakeManager();
      const delivery = connectAlertDelivery(device, { url: headend.mqttUrl, location: { regionCode: '110105' }, clientId: 'victim' });
      await waitConnected(delivery);
      await new Promise((r) => setTimeout(r, 100));
      const rogue = await mqtt.connectAsync(headend.mqttUrl, { clientId: 'rogue', reconnectPeriod: 0 });
      const closed = new Promise<void>((resolve) => rogue.once('close', () => resolve()));
      rogue.publish('yiwang/alerts/cn/a/0000000000000000', '{"v":1}', { qos: 1, retain: true });
      await closed;
      await rogue.endAsync(true);
      await new Promise((r) => setTimeout(r, 150));
      assert.equal(delivery.stats().malformed, 0);
      assert.equal((await retained(headend.mqttUrl, ['yiwang/alerts/cn/a/+'])).has('yiwang/alerts/cn/a/0000000000000000'), false);
      await delivery.close();
    });

    it('answers 404 to a WebSocket upgrade on another path', async () => {
      const socket = new WebSocket(headend.mqttUrl.replace('/mqtt', '/nope'), 'mqtt');
      const error = await new Promise<Error>((resolve) => socket.once('error', resolve));
      assert.match(error.message, /404/);
    });
  });

  describe('with an external broker that is down', () => {
    let headend: Headend;
    const error = console.error;
    before(async () => {
      console.error = () => undefined; // the headend logs the refused connection by design
      const port = await freePort();
      headend = await startHeadend({
        port: 0, host: '127.0.0.1', webRoot: tmpdir(), alerts: { mqttUrl: `mqtt://127.0.0.1:${port}`, publishTimeoutMs: 300 },
      });
    });
    after(async () => {
      await headend.close();
      console.error = error;
    });

    it('answers 503 naming the broker', async () => {
      const res = await post(headend, capXml({ id: `down-${Date.now()}`, regionCode: '110000' }), 'application/xml');
      assert.equal(res.status, 503);
      assert.equal(res.json.error, 'BrokerUnavailable');
      assert.match(String(res.json.reason), /not connected|timed out/);
    });

    it('closes a relayed WebSocket when the broker cannot be reached', async () => {
      const socket = new WebSocket(headend.mqttUrl, 'mqtt');
      const code = await new Promise<number>((resolve) => socket.once('close', resolve));
      assert.ok(code > 0);
    });
  });

  describe('through Mosquitto behind the WebSocket relay', { skip: !existsSync(MOSQUITTO) && `${MOSQUITTO} is not installed (npm test installs it)` }, () => {
    let headend: Headend;
    let broker: ChildProcess;
    let dir: string;
    let port: number;
    before(async () => {
      port = await freePort();
      dir = await mkdtemp(join(tmpdir(), 'yiwang-mosquitto-'));
      const conf = join(dir, 'mosquitto.conf');
      await writeFile(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stderr\nlog_type error\n`);
      broker = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'ignore', 'inherit'] });
      await waitForPort(port);
      headend = await startHeadend({ port: 0, host: '127.0.0.1', webRoot: tmpdir(), alerts: { mqttUrl: `mqtt://127.0.0.1:${port}` } });
    });
    after(async () => {
      await headend.close();
      const exited = new Promise((resolve) => broker.once('exit', resolve));
      broker.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    });

    it('publishes to the external broker', () => assert.equal(headend.alertBroker, 'external'));
    deliveryFlow('mosquitto', () => ({ headend }));

    it('counts and logs a bad payload without crashing the device', async () => {
      const device = new FakeManager();
      const delivery = connectAlertDelivery(device, { url: headend.mqttUrl, location: { regionCode: '440300' }, clientId: 'bad-payloads' });
      await waitConnected(delivery);
      await new Promise((r) => setTimeout(r, 100));
      // Straight to Mosquitto (anonymous publishing is allowed in this test broker; lock it down with an ACL in production).
      const direct = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: 'direct' });
      const warn = console.warn;
      const warnings: string[] = [];
      console.warn = (...args: unknown[]) => { warnings.push(args.map(String).join(' ')); };
      try {
        await direct.publishAsync('yiwang/alerts/cn/44/a/bad1', 'not json', { qos: 1 });
        await direct.publishAsync('yiwang/alerts/cn/44/a/bad2', JSON.stringify({ v: 1, format: 'cap', key: 'k', encoding: 'text', body: '<nope/>', receivedAt: 0 }), { qos: 1 });
        await direct.publishAsync('yiwang/alerts/cn/44/4403/a/good', JSON.stringify({
          v: 1, format: 'cap', key: '', encoding: 'text', body: capXml({ id: 'after-garbage', regionCode: '440300' }), receivedAt: 0,
        }), { qos: 1 });
        await device.waitFor((a) => a.identifier === 'after-garbage', 'alert after garbage');
      } finally {
        console.warn = warn;
        await direct.endAsync();
      }
      assert.equal(delivery.stats().malformed, 2);
      assert.equal(warnings.filter((w) => w.includes('dropped a bad message')).length, 2);
      await delivery.close();
    });

    it('delivers an alert published while the device was away when it reconnects', async () => {
      const device = new FakeManager();
      const options = { url: headend.mqttUrl, location: { regionCode: '110105' }, clientId: 'sleeper' };
      let delivery = connectAlertDelivery(device, options);
      await waitConnected(delivery);
      await new Promise((r) => setTimeout(r, 100));
      await delivery.close();
      const awayId = `away-${Date.now()}`;
      assert.equal((await post(headend, capXml({ id: awayId, regionCode: '110105' }), 'application/xml')).status, 202);
      delivery = connectAlertDelivery(device, options);
      await device.waitFor((a) => a.identifier === awayId, 'alert queued while away');
      await delivery.close();
    });
  });
});
