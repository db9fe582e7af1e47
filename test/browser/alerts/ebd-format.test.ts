import { expect } from '@esm-bundle/chai';
import { detectAlertFormat, parseAlert, type Alert } from '../../../sdk/alerts/index.js';
import { decodeEbd, ebdFormat, probeEbd } from '../../../sdk/alerts/formats/ebd/ebd-format.js';
import { ErrorCode } from '../../../sdk/errors/yiwang-error.js';
import { EBM_ID, EBM_ID_EARLIER, MINIMAL, ebd } from './ebd-fixtures.js';
import { thrown } from '../support/rejections.js';

// All EBD XML in these tests is synthetic (see ebd-fixtures.ts).
const beijing = (y: number, mo: number, d: number, h: number, mi: number, s = 0): number => Date.UTC(y, mo - 1, d, h - 8, mi, s);
const warningsOf = (alert: Alert): string[] => alert.parameters.filter((p) => p.name === 'yiwang:warning').map((p) => p.value);
const param = (alert: Alert, name: string): string[] => alert.parameters.filter((p) => p.name === name).map((p) => p.value);
const lineOf = (xml: string, needle: string): number => xml.slice(0, xml.indexOf(needle)).split('\n').length;

describe('format ebd (China emergency-broadcast EBD/EBM)', () => {
  it('maps a full platform message to the normalized alert', () => {
    const { alert, warnings } = decodeEbd(ebd({ severity: '4' }));
    expect(warnings).to.deep.equal([]);
    const mp3 = {
      description: 'EBM_34101000000000000000101202507010001.mp3', mimeType: 'audio/mpeg', size: 482304,
      digest: '3f1a9c0e5b7d2e4f6a8c0b1d3e5f7a9c2b4d6e8f0a1c3e5b7d9f1a3c5e7b9d0f',
    };
    const expected: Alert = {
      key: `ebm:${EBM_ID}`,
      format: 'ebd',
      identifier: EBM_ID,
      sender: '341010000000000000001',
      sent: beijing(2025, 7, 1, 10, 0),
      status: 'actual',
      msgType: 'alert',
      scope: 'public',
      references: [],
      referenceKeys: [],
      level: 4,
      levelSource: 'china-level',
      event: '11B06',
      eventCode: '11B06',
      texts: {
        zho: {
          headline: '合肥市气象台发布大风蓝色预警',
          description: '预计今天下午到夜间，我市将出现6级以上大风，阵风8级。请注意防范。',
          event: '大风',
          senderName: '合肥市应急广播中心',
        },
        eng: {
          headline: 'Hefei Meteorological Observatory: gale warning (blue)',
          description: 'Winds of force 6 and above this afternoon and tonight, gusts of force 8.',
          senderName: '合肥市应急广播中心',
        },
      },
      areas: [{ regionCodes: ['340102000000', '340103000000', '340104001000', '340111000000'], polygons: [], circles: [], geocodes: [] }],
      effective: beijing(2025, 7, 1, 10, 5),
      expires: beijing(2025, 7, 1, 22, 0),
      detailsChannel: { number: 101 },
      audio: mp3,
      exceptions: [],
      resources: [mp3],
      parameters: [
        { name: 'EBDID', value: '01341010000000000000001010000000000000012' },
        { name: 'EBDVersion', value: '1' },
        { name: 'EBD.SRC.EBRID', value: '341010000000000000001' },
        { name: 'EBD.DEST.EBRID', value: '341010000000000000002' },
        { name: 'EBMVersion', value: '1' },
        { name: 'MsgType', value: '1' },
        { name: 'SenderCode', value: '341010000000000000001' },
        { name: 'Severity', value: '4' },
        { name: 'EventClass', value: '自然灾害' },
        { name: 'Dispatch.EBRID', value: '341010000000000000301' },
        { name: 'Dispatch.EBRID', value: '341010000000000000302' },
      ],
    };
    expect(alert).to.deep.equal(expected);
    expect(Object.keys(alert.texts)).to.deep.equal(['zho', 'eng']);
  });

  it('maps Severity 1–4 to levels I–IV; 0, absent or unknown to level IV by default', () => {
    for (const [severity, level, source] of [['1', 1, 'china-level'], ['2', 2, 'china-level'], ['3', 3, 'china-level'], ['4', 4, 'china-level'],
      ['0', 4, 'default'], ['15', 4, 'default'], ['7', 4, 'default'], ['红色', 4, 'default']] as const) {
      const alert = ebdFormat.parse(ebd({ severity }));
      expect([alert.level, alert.levelSource], `Severity ${severity}`).to.deep.equal([level, source]);
    }
    expect(warningsOf(ebdFormat.parse(ebd({ severity: '0' })))).to.deep.equal([]);
    expect(warningsOf(ebdFormat.parse(ebd({ severity: '7' })))).to.deep.equal(['<Severity> "7" is not 1–4: level IV assumed']);
    expect(warningsOf(ebdFormat.parse(MINIMAL))).to.include('no <Severity>: level IV assumed');
  });

  it('MsgType 2 cancels the EBMs named in RelatedInfo', () => {
    const alert = ebdFormat.parse(ebd({ msgType: '2', ebmId: '34101000000000000000101202507010002', related: [EBM_ID, EBM_ID_EARLIER] }));
    expect(alert.msgType).to.equal('cancel');
    expect(alert.status).to.equal('actual');
    expect(alert.key).to.equal('ebm:34101000000000000000101202507010002');
    expect(alert.referenceKeys).to.deep.equal([`ebm:${EBM_ID}`, `ebm:${EBM_ID_EARLIER}`]);
    expect(alert.references).to.deep.equal([
      { sender: '341010000000000000001', identifier: EBM_ID }, { sender: '341010000000000000001', identifier: EBM_ID_EARLIER },
    ]);
  });

  it('a cancel without RelatedInfo cancels its own EBMID, with a warning', () => {
    const alert = ebdFormat.parse(ebd({ msgType: '2', contents: '' }));
    expect(alert.referenceKeys).to.deep.equal([`ebm:${EBM_ID}`]);
    expect(warningsOf(alert)).to.deep.equal(['a cancel (MsgType 2) without <RelatedInfo><EBMID>: cancelling its own EBMID']);
  });

  it('MsgType 3–5 are drills: status exercise, the drill kind kept in parameters', () => {
    for (const [msgType, drill] of [['3', 'platform'], ['4', 'headend'], ['5', 'terminal']] as const) {
      const alert = ebdFormat.parse(ebd({ msgType }));
      expect([alert.status, alert.msgType], `MsgType ${msgType}`).to.deep.equal(['exercise', 'alert']);
      expect(param(alert, 'drill')).to.deep.equal([drill]);
      expect(param(alert, 'MsgType')).to.deep.equal([msgType]);
    }
    expect(param(ebdFormat.parse(ebd()), 'drill')).to.deep.equal([]);
  });

  it('reads times as Beijing time (+08:00) unless a zone is written; bad times are warned about and left out', () => {
    const alert = ebdFormat.parse(ebd({ sendTime: '2025/7/1 9:30', startTime: '2025-07-01T10:00:00+00:00', endTime: '20250701230000' }));
    expect(alert.sent).to.equal(beijing(2025, 7, 1, 9, 30));
    expect(alert.effective).to.equal(Date.UTC(2025, 6, 1, 10, 0));
    expect(alert.expires).to.equal(beijing(2025, 7, 1, 23, 0));
    expect(new Date(ebdFormat.parse(ebd()).sent).toISOString()).to.equal('2025-07-01T02:00:00.000Z');

    const bad = ebdFormat.parse(ebd({ sendTime: '2025-02-30 10:00:00', startTime: 'soon', endTime: '2025-07-01 09:00:00' }));
    expect(bad.sent, 'falls back to EBDTime').to.equal(beijing(2025, 7, 1, 9, 59, 58));
    expect(bad.effective, 'effective defaults to sent').to.equal(bad.sent);
    expect(bad.expires).to.equal(beijing(2025, 7, 1, 9, 0));
    expect(warningsOf(bad)).to.deep.equal([
      '<SendTime> at line 16 is not a time: "2025-02-30 10:00:00"', '<StartTime> at line 19 is not a time: "soon"',
    ]);
    const backwards = ebdFormat.parse(ebd({ startTime: '2025-07-01 12:00:00', endTime: '2025-07-01 11:00:00' }));
    expect(warningsOf(backwards)).to.deep.equal(['<EndTime> is before <StartTime>']);
  });

  it('merges MsgContent of the same language (the first wins field by field) and defaults the language to zho', () => {
    const alert = ebdFormat.parse(ebd({
      contents: `
    <MsgContent><MsgTitle>标题一</MsgTitle><AreaCode>340102000000</AreaCode></MsgContent>
    <MsgContent><LanguageCode>ZHO</LanguageCode><MsgTitle>标题二</MsgTitle><MsgDesc>内容二</MsgDesc><ProgramNum>7</ProgramNum></MsgContent>
    <MsgContent><LanguageCode>bo</LanguageCode><MsgTitle>བོད</MsgTitle></MsgContent>`,
    }));
    expect(alert.texts).to.deep.equal({
      zho: { headline: '标题一', description: '内容二', event: '大风', senderName: '合肥市应急广播中心' },
      bo: { headline: 'བོད', senderName: '合肥市应急广播中心' },
    });
    expect(alert.detailsChannel).to.deep.equal({ number: 7 });
  });

  it('keeps numeric area codes (warning when not 12 digits), skips others, and has no areas without AreaCode', () => {
    const alert = ebdFormat.parse(ebd({
      contents: '<MsgContent><AreaCode>340102000000；3401，合肥市, 340102000000</AreaCode><ProgramNum>CCTV-1</ProgramNum></MsgContent>',
    }));
    expect(alert.areas[0]?.regionCodes).to.deep.equal(['340102000000', '3401']);
    expect(alert.detailsChannel).to.equal(undefined);
    expect(warningsOf(alert)).to.deep.equal([
      '<AreaCode> at line 21: "3401" has 4 digits, not 12',
      '<AreaCode> at line 21: "合肥市" is not a numeric area code; skipped',
      '<ProgramNum> "CCTV-1" is not a number; ignored',
    ]);
    expect(ebdFormat.parse(MINIMAL).areas).to.deep.equal([]);
  });

  it('reads a minimal message, a bare EBM, prefixed and differently-cased names, a BOM, and GB2312 bytes', () => {
    const minimal = ebdFormat.parse(MINIMAL);
    expect([minimal.key, minimal.sender, minimal.event, minimal.effective, minimal.expires]).to.deep.equal(
      [`ebm:${EBM_ID}`, '', '', beijing(2025, 7, 1, 10, 0), undefined]);
    expect(warningsOf(minimal)).to.deep.equal(['no <Severity>: level IV assumed', 'no <EventType>', 'no <MsgContent>: the alert has no text']);

    const bare = ebdFormat.parse(`<EBM><EBMID>1</EBMID><MsgBasicInfo><MsgType>1</MsgType><SendTime>2025-07-01 10:00:00</SendTime></MsgBasicInfo></EBM>`);
    expect(bare.key).to.equal('ebm:1');

    const prefixed = `\uFEFF<eb:EBD xmlns:eb="urn:example:eb"><eb:ebdtype>EBM</eb:ebdtype><eb:EBM><eb:ebmid>42</eb:ebmid>`
      + '<eb:MsgBasicInfo><eb:msgtype>3</eb:msgtype><eb:SendTime>2025-07-01 10:00:00</eb:SendTime></eb:MsgBasicInfo></eb:EBM></eb:EBD>';
    expect(probeEbd(prefixed)).to.equal(true);
    expect(ebdFormat.parse(prefixed).status).to.equal('exercise');

    const head = new TextEncoder().encode('<?xml version="1.0" encoding="GB2312"?><EBD><EBM><EBMID>9</EBMID><MsgBasicInfo><MsgType>1</MsgType>'
      + '<SendTime>2025-07-01 10:00:00</SendTime></MsgBasicInfo><MsgContent><MsgTitle>');
    const tail = new TextEncoder().encode('</MsgTitle></MsgContent></EBM></EBD>');
    const gb = new Uint8Array([...head, 0xb4, 0xf3, 0xb7, 0xe7, 0xc0, 0xb6, 0xc9, 0xab, 0xd4, 0xa4, 0xbe, 0xaf, ...tail]); // 大风蓝色预警
    expect(probeEbd(gb)).to.equal(true);
    expect(ebdFormat.parse(gb).texts.zho?.headline).to.equal('大风蓝色预警');

    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(ebd())]);
    expect(ebdFormat.parse(utf8).texts.zho?.event).to.equal('大风');
  });

  it('rejects a missing or empty EBMID, MsgBasicInfo or MsgType naming the element and line', () => {
    const noId = ebd().replace(`<EBMID>${EBM_ID}</EBMID>`, '');
    const e1 = thrown(() => ebdFormat.parse(noId));
    expect(e1.code).to.equal(ErrorCode.AlertRejected);
    expect(e1.message).to.equal(`[6002] ebd: <EBM> at line ${lineOf(noId, '<EBM>')} has no <EBMID>`);
    expect(e1.data).to.deep.include({ format: 'ebd', reason: 'missing', where: 'EBD/EBM/EBMID', line: 9 });

    const emptyId = ebd({ ebmId: '  ' });
    expect(thrown(() => ebdFormat.parse(emptyId)).message).to.equal(`[6002] ebd: <EBMID> at line ${lineOf(emptyId, '<EBMID>')} is empty`);

    const noType = ebd().replace('<MsgType>1</MsgType>', '');
    const e3 = thrown(() => ebdFormat.parse(noType));
    expect(e3.message).to.equal(`[6002] ebd: <MsgBasicInfo> at line ${lineOf(noType, '<MsgBasicInfo>')} has no <MsgType>`);
    expect(e3.data.where).to.equal('EBD/EBM/MsgBasicInfo/MsgType');

    const noBasic = `<EBD><EBM><EBMID>1</EBMID></EBM></EBD>`;
    expect(thrown(() => ebdFormat.parse(noBasic)).message).to.equal('[6002] ebd: <EBM> at line 1 has no <MsgBasicInfo>');

    const unknown = thrown(() => ebdFormat.parse(ebd({ msgType: '9' })));
    expect(unknown.message).to.match(/^\[6002\] ebd: <MsgType> at line 13 is "9"; known: 1 实际播发, 2 取消播发, 3–5 演练$/);
    expect(unknown.data).to.deep.include({ reason: 'invalid', value: '9' });
  });

  it('rejects another root, another EBDType, no usable send time, and malformed XML (with its line)', () => {
    expect(thrown(() => ebdFormat.parse('<alert/>')).data).to.deep.include({ reason: 'not-ebd' });
    const state = thrown(() => ebdFormat.parse(ebd({ ebdType: 'EBMStateRequest' })));
    expect(state.data).to.deep.include({ reason: 'not-ebm', ebdType: 'EBMStateRequest', line: 5 });
    expect(thrown(() => ebdFormat.parse(`<EBD><EBM>x</EBM></EBD>`)).data.where).to.equal('EBD/EBM/EBMID');
    expect(thrown(() => ebdFormat.parse(`<EBD><EBM><EBMID>1</EBMID><MsgBasicInfo><MsgType>1</MsgType></MsgBasicInfo></EBM></EBD>`)).message)
      .to.equal('[6002] ebd: <MsgBasicInfo> at line 1 has no usable <SendTime> and the EBD no usable <EBDTime>');
    const malformed = thrown(() => ebdFormat.parse(ebd().replace('</MsgTitle>', '</MsgDesc>')));
    expect(malformed.code).to.equal(ErrorCode.AlertRejected);
    expect(malformed.message).to.match(/^\[6002\] ebd: malformed XML at line 24, /);
    expect(malformed.data).to.deep.include({ format: 'ebd', reason: 'malformed' });
    expect(thrown(() => ebdFormat.parse('')).data).to.deep.include({ reason: 'malformed' });
    expect(thrown(() => ebdFormat.parse(`<EBD>${'<a>'.repeat(70)}${'</a>'.repeat(70)}</EBD>`)).data).to.deep.include({ reason: 'too-large' });
  });

  it('refuses a DOCTYPE or entity declaration before reading anything (XXE, billion laughs)', () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE EBD [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n${MINIMAL.replace('<EBMID>', '<EBMID>&x;')}`;
    const external = `<!DOCTYPE EBD SYSTEM "ebd.dtd">${MINIMAL}`;
    for (const input of [xxe, external, new TextEncoder().encode(xxe)]) {
      expect(probeEbd(input)).to.equal(true);
      const error = thrown(() => ebdFormat.parse(input));
      expect(error.code).to.equal(ErrorCode.XmlDoctypeRefused);
      expect(error.message).to.match(/ebd: refused <!DOCTYPE at line \d+, column 1/);
    }
  });

  it('probes EBD documents only, and is found by the registry', () => {
    expect(probeEbd(ebd())).to.equal(true);
    expect(probeEbd('<!-- <alert> --><?pi x?>\n  <EBD/>')).to.equal(true);
    expect(probeEbd(new TextEncoder().encode(ebd()))).to.equal(true);
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('<EBD/>').flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(probeEbd(utf16)).to.equal(true);
    expect(probeEbd('<?xml version="1.0"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>')).to.equal(false);
    expect(probeEbd('<EBDX/>')).to.equal(false);
    expect(probeEbd(new Uint8Array([0xd8, 0x30]))).to.equal(false);
    expect(probeEbd('')).to.equal(false);
    expect(detectAlertFormat(ebd())).to.equal(ebdFormat);
    expect(parseAlert(ebd()).key).to.equal(`ebm:${EBM_ID}`);
    expect(parseAlert(ebd(), 'ebd').format).to.equal('ebd');
  });
});
