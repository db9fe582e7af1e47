// Alert delivery pieces that run on the box: the topic scheme, the wire format, and mqtt.js's browser build
// loading under the test runner. The broker round trip is covered by test/node/alerts/delivery.test.ts.
import { expect } from '@esm-bundle/chai';
import {
  ALERT_TOPIC_ROOT, alertMessageTopic, alertRegionTopics, connectAlertDelivery, deviceAlertSubscriptions, regionTopic,
  type Alert, type AlertArea, type IngestOutcome,
} from '../../../sdk/index.js';
import {
  base64ToBytes, bytesToBase64, decodeDeliveryMessage, deliveryInput, encodeDeliveryMessage,
} from '../../../sdk/alerts/delivery/alert-delivery-message.js';

const area = (regionCodes: string[], extra: Partial<AlertArea> = {}): AlertArea =>
  ({ regionCodes, polygons: [], circles: [], geocodes: [], ...extra });

describe('alert delivery: topics', () => {
  it('maps region codes onto the province/city/county chain', () => {
    expect(regionTopic('110000')).to.equal('yiwang/alerts/cn/11');
    expect(regionTopic('110100')).to.equal('yiwang/alerts/cn/11/1101');
    expect(regionTopic('110105')).to.equal('yiwang/alerts/cn/11/1101/110105');
    expect(regionTopic('110105001000')).to.equal('yiwang/alerts/cn/11/1101/110105');
    expect(regionTopic('440300000000')).to.equal('yiwang/alerts/cn/44/4403');
    expect(regionTopic('000000000000')).to.equal(ALERT_TOPIC_ROOT);
    for (const bad of ['', '11', '1101', '11010', '1101051', 'abcdef', '110105 ']) expect(regionTopic(bad), bad).to.equal(undefined);
  });

  it('sends an alert to each region it names, and to the country when an area has no region code', () => {
    expect(alertRegionTopics({ areas: [] })).to.deep.equal([ALERT_TOPIC_ROOT]);
    expect(alertRegionTopics({ areas: [area(['110000', '440300']), area(['110105'])] })).to.deep.equal([
      'yiwang/alerts/cn/11', 'yiwang/alerts/cn/11/1101/110105', 'yiwang/alerts/cn/44/4403',
    ]);
    const polygonOnly = area([], { polygons: [[{ lat: 39, lon: 116 }, { lat: 40, lon: 116 }, { lat: 40, lon: 117 }, { lat: 39, lon: 116 }]] });
    expect(alertRegionTopics({ areas: [area(['110000']), polygonOnly] })).to.deep.equal([ALERT_TOPIC_ROOT, 'yiwang/alerts/cn/11']);
    expect(alertMessageTopic('yiwang/alerts/cn/11', 'abc')).to.equal('yiwang/alerts/cn/11/a/abc');
  });

  it('subscribes a device to its chain, country first', () => {
    expect(deviceAlertSubscriptions({ regionCode: '110105' })).to.deep.equal([
      'yiwang/alerts/cn/a/+', 'yiwang/alerts/cn/11/a/+', 'yiwang/alerts/cn/11/1101/a/+', 'yiwang/alerts/cn/11/1101/110105/a/+',
    ]);
    expect(deviceAlertSubscriptions({ regionCode: '440300' })).to.deep.equal([
      'yiwang/alerts/cn/a/+', 'yiwang/alerts/cn/44/a/+', 'yiwang/alerts/cn/44/4403/a/+',
    ]);
    expect(deviceAlertSubscriptions({})).to.deep.equal(['yiwang/alerts/cn/a/+']);
    expect(deviceAlertSubscriptions({ regionCode: 'nowhere' })).to.deep.equal(['yiwang/alerts/cn/a/+']);
  });
});

describe('alert delivery: wire format', () => {
  it('round-trips text and bytes', () => {
    const xml = '<alert>大风</alert>';
    const text = decodeDeliveryMessage(new TextEncoder().encode(encodeDeliveryMessage(xml, 'cap', 'cap:a/b', 1)));
    expect(text.input).to.equal(xml);
    expect(text.message).to.deep.include({ format: 'cap', key: 'cap:a/b', encoding: 'text', receivedAt: 1 });

    const bytes = Uint8Array.from({ length: 70000 }, (_, i) => (i * 7) & 0xff);
    expect(base64ToBytes(bytesToBase64(bytes))).to.deep.equal(bytes);
    const binary = decodeDeliveryMessage(new TextEncoder().encode(encodeDeliveryMessage(bytes, 'scte18', 'scte18:1', 2)));
    expect(binary.message.encoding).to.equal('base64');
    expect(binary.input).to.deep.equal(bytes);
  });

  it('sends UTF-8 XML as text and anything else as bytes', () => {
    expect(deliveryInput(new TextEncoder().encode('<a>应急</a>'), false)).to.equal('<a>应急</a>');
    const gb2312 = Uint8Array.from([0x3c, 0x61, 0x3e, 0xd3, 0xa6, 0xbc, 0xb1, 0x3c, 0x2f, 0x61, 0x3e]); // <a>应急</a> in GB2312
    expect(deliveryInput(gb2312, false)).to.be.instanceOf(Uint8Array);
    expect(deliveryInput(new TextEncoder().encode('abc'), true)).to.be.instanceOf(Uint8Array);
  });

  it('names what is wrong with a bad payload', () => {
    const bad = (text: string): string => {
      try {
        decodeDeliveryMessage(new TextEncoder().encode(text));
        return 'accepted';
      } catch (err) {
        return (err as Error).message;
      }
    };
    expect(bad('not json')).to.match(/not UTF-8 JSON/);
    expect(bad('[]')).to.match(/"format"|version/);
    expect(bad('{"v":2}')).to.match(/version/);
    expect(bad('{"v":1,"format":"cap","encoding":"hex","body":""}')).to.match(/encoding/);
    expect(bad('{"v":1,"format":"cap","encoding":"base64","body":"@@@"}')).to.match(/base64/);
  });
});

describe('alert delivery: device client in the browser', () => {
  it('loads the browser build of mqtt.js', async () => {
    const { default: mqtt } = await import('mqtt');
    expect(mqtt.connect).to.be.a('function');
  });

  it('stays disconnected without a broker, never ingests, and closes cleanly', async () => {
    const ingested: Alert[] = [];
    const manager = {
      ingest: (alert: Alert): Promise<IngestOutcome> => {
        ingested.push(alert);
        return Promise.resolve({ accepted: true, action: 'added' });
      },
    };
    const warn = console.warn;
    console.warn = () => undefined; // connection errors are logged by design
    try {
      const delivery = connectAlertDelivery(manager, {
        url: 'ws://127.0.0.1:9/mqtt', location: { regionCode: '110105' }, reconnectPeriodMs: 100,
      });
      const states: boolean[] = [];
      const sub = delivery.connected.subscribe((c) => states.push(c));
      await new Promise((r) => setTimeout(r, 400));
      await delivery.close();
      sub.unsubscribe();
      expect(states.every((c) => !c)).to.equal(true);
      expect(delivery.stats()).to.deep.equal({ received: 0, ingested: 0, malformed: 0, ingestFailed: 0 });
      expect(ingested).to.deep.equal([]);
    } finally {
      console.warn = warn;
    }
  });

  it('keeps one client id per box in localStorage', () => {
    localStorage.removeItem('yiwang.alerts.clientId');
    const first = connectAlertDelivery({ ingest: () => Promise.reject(new Error('unused')) },
      { url: 'ws://127.0.0.1:9/mqtt', location: {}, reconnectPeriodMs: 0 });
    const id = localStorage.getItem('yiwang.alerts.clientId');
    expect(id).to.match(/^yw-[0-9a-f]{16}$/);
    const second = connectAlertDelivery({ ingest: () => Promise.reject(new Error('unused')) },
      { url: 'ws://127.0.0.1:9/mqtt', location: {}, reconnectPeriodMs: 0 });
    expect(localStorage.getItem('yiwang.alerts.clientId')).to.equal(id);
    return Promise.all([first.close(), second.close()]);
  });
});
