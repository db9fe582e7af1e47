// CAP as XML: namespaces (default, prefixed, CAP 1.1), BOM, one line, encodings, unknown elements,
// signatures, and the probe used for format detection.
import { expect } from '@esm-bundle/chai';
import { ErrorCode, alertFormats, detectAlertFormat, findAlertFormat, parseAlert } from '../../../sdk/index.js';
import { CAP11, CAP12, capMessage, head, info, thrown } from './cap-support.js';

const cap = findAlertFormat('cap');

describe('CAP XML', () => {
  it('registers as "cap" and is detected from its root element', () => {
    expect(alertFormats()).to.include('cap');
    expect(detectAlertFormat(capMessage()).format).to.equal('cap');
    expect(parseAlert(capMessage()).format).to.equal('cap');
  });

  it('reads a default-namespace CAP 1.2 message', () => {
    const alert = cap.parse(capMessage());
    expect(alert).to.deep.include({
      key: 'cap:alerts@example.org/TEST-1', format: 'cap', identifier: 'TEST-1', sender: 'alerts@example.org',
      status: 'actual', msgType: 'alert', scope: 'public', sent: Date.UTC(2024, 6, 16, 8, 30),
    });
    expect(alert.texts).to.deep.equal({});
    expect(alert.areas).to.deep.equal([]);
    expect(alert.signature).to.deep.equal({ present: false });
  });

  it('resolves prefixes through xmlns declarations, whatever the prefix is called', () => {
    const prefixed = `<p:alert xmlns:p="${CAP12}"><p:identifier>P-1</p:identifier><p:sender>s</p:sender>`
      + '<p:sent>2024-01-01T00:00:00Z</p:sent><p:status>Test</p:status><p:msgType>Alert</p:msgType><p:scope>Public</p:scope>'
      + '<p:info><p:event>Wind</p:event><p:headline>Prefixed</p:headline></p:info></p:alert>';
    expect(cap.probe(prefixed)).to.equal(true);
    const alert = cap.parse(prefixed);
    expect(alert.identifier).to.equal('P-1');
    expect(alert.status).to.equal('test');
    expect(alert.texts['en-us']?.headline).to.equal('Prefixed');
  });

  it('mixes a prefixed root with default-namespace children and ignores same-named elements of other namespaces', () => {
    const doc = `<cap:alert xmlns:cap="${CAP12}" xmlns:x="urn:example:other"><identifier xmlns="${CAP12}">M-1</identifier>`
      + '<x:identifier>NOT-THIS</x:identifier><cap:sender>s</cap:sender><cap:sent>2024-01-01T00:00:00-00:00</cap:sent>'
      + '<cap:status>Actual</cap:status><cap:msgType>Alert</cap:msgType><cap:scope>Public</cap:scope>'
      + `<cap:info><headline>no namespace: ignored</headline><cap:headline>kept</cap:headline></cap:info></cap:alert>`;
    const alert = cap.parse(doc);
    expect(alert.identifier).to.equal('M-1');
    expect(alert.texts['en-us']?.headline).to.equal('kept');
  });

  it('reads CAP 1.1', () => {
    const doc = `<alert xmlns="${CAP11}">${head({ identifier: 'OLD-1' })}</alert>`;
    expect(cap.probe(doc)).to.equal(true);
    expect(cap.parse(doc).identifier).to.equal('OLD-1');
  });

  it('probes only CAP 1.1/1.2 alert roots, after a BOM, the declaration, comments and PIs', () => {
    const before = '\uFEFF<?xml version="1.0"?>\n<!-- a comment -->\n<?xml-stylesheet href="cap.xsl"?>\n';
    expect(cap.probe(`${before}<alert xmlns="${CAP12}">`)).to.equal(true);
    expect(cap.probe(new TextEncoder().encode(`${before}<alert xmlns="${CAP12}"><identifier>`))).to.equal(true);
    expect(cap.probe('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.0"/>')).to.equal(false);
    expect(cap.probe('<alert/>')).to.equal(false);
    expect(cap.probe(`<feed xmlns="${CAP12}"/>`)).to.equal(false);
    expect(cap.probe(`<x:alert xmlns:y="${CAP12}"/>`)).to.equal(false);
    expect(cap.probe('<tv><programme/></tv>')).to.equal(false);
    expect(cap.probe('not xml at all <<<')).to.equal(false);
    expect(cap.probe(new Uint8Array([0x47, 0x00, 0xd8, 0x01]))).to.equal(false);
  });

  it('accepts a UTF-8 BOM in bytes and in a string', () => {
    const doc = `\uFEFF${capMessage(info('<event>BOM</event>'))}`;
    expect(cap.parse(doc).event).to.equal('BOM');
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(capMessage(info('<event>BOM</event>')))]);
    expect(cap.probe(bytes)).to.equal(true);
    expect(cap.parse(bytes).event).to.equal('BOM');
  });

  it('reads a one-line message', () => {
    const oneLine = capMessage(info('<event>One</event><headline>line</headline>')).replace(/\n\s*/g, '');
    expect(oneLine).not.to.contain('\n');
    const alert = cap.parse(oneLine);
    expect(alert.texts['en-us']).to.deep.equal({ event: 'One', headline: 'line' });
  });

  it('decodes bytes in their declared encoding (GB2312, ISO-8859-1)', () => {
    const encode = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));
    const gb = (xml: string, headline: number[]): Uint8Array => {
      const [before, after] = xml.split('@@');
      return new Uint8Array([...encode(before ?? ''), ...headline, ...encode(after ?? '')]);
    };
    // 大风蓝色预警 in GB2312: B4F3 B7E7 C0B6 C9AB D4A4 BEAF.
    const gbDoc = capMessage(info('<language>zh-CN</language><event>Wind</event><headline>@@</headline>'))
      .replace('encoding="UTF-8"', 'encoding="GB2312"');
    const alert = cap.parse(gb(gbDoc, [0xb4, 0xf3, 0xb7, 0xe7, 0xc0, 0xb6, 0xc9, 0xab, 0xd4, 0xa4, 0xbe, 0xaf]));
    expect(alert.texts['zh-cn']?.headline).to.equal('大风蓝色预警');
    expect(alert.level).to.equal(4);
    expect(alert.levelSource).to.equal('colour');

    const latin = capMessage(info('<language>fr-CA</language><event>@@</event>')).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    expect(cap.parse(gb(latin, [0x6d, 0xe9, 0x74, 0xe9, 0x6f])).event).to.equal('météo');
  });

  it('ignores unknown and extension elements, and notes an XML-DSig signature without verifying it', () => {
    const doc = capMessage(`${info(`<event>Flood</event><x:extra xmlns:x="urn:example:ext"><event>inner</event></x:extra>
      <unknownCapElement>ignored</unknownCapElement>`)}
  <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/><ds:SignatureValue>AAAA</ds:SignatureValue></ds:Signature>`);
    const alert = cap.parse(doc);
    expect(alert.event).to.equal('Flood');
    expect(alert.signature).to.deep.equal({ present: true });
    expect(alert.signature?.verified).to.equal(undefined);
  });

  it('passes over derefUri content and keeps the resource', () => {
    const big = 'QUJD'.repeat(50_000);
    const alert = cap.parse(capMessage(info(`<event>E</event><resource><resourceDesc>Map</resourceDesc><mimeType>image/png</mimeType>
      <derefUri>${big}</derefUri></resource>`)));
    expect(alert.resources).to.deep.equal([{ description: 'Map', mimeType: 'image/png' }]);
    expect(JSON.stringify(alert)).not.to.contain('QUJD');
  });

  it('decodes character references and keeps an undeclared entity reference as literal text', () => {
    const alert = cap.parse(capMessage(info('<event>A &amp; B &#x4E2D;</event><headline>&xxe; stays</headline>')));
    expect(alert.event).to.equal('A & B 中');
    expect(alert.texts['en-us']?.headline).to.equal('&xxe; stays');
  });

  it('never follows an XInclude: it is a foreign element and is ignored', () => {
    const alert = cap.parse(capMessage(info(`<event>E</event>
      <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/>`)));
    expect(alert.event).to.equal('E');
    expect(JSON.stringify(alert)).not.to.contain('passwd');
  });

  it('gives malformed XML as AlertRejected with its line', () => {
    const error = thrown(() => cap.parse(capMessage(info('<event>E</headline>'))));
    expect(error.code).to.equal(ErrorCode.AlertRejected);
    expect(error.data).to.deep.include({ format: 'cap', line: 11 });
    expect(error.message).to.contain('line 11').and.contain('</headline>');
    const truncated = thrown(() => cap.parse(capMessage().slice(0, 120)));
    expect(truncated.code).to.equal(ErrorCode.AlertRejected);
  });
});
