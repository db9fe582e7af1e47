// What a CAP message is rejected or refused for: missing or invalid required fields (with the field and
// line), a root that is not a CAP alert, and DTDs (XXE, billion laughs) refused before anything is read.
import { expect } from '@esm-bundle/chai';
import { ErrorCategory, ErrorCode, findAlertFormat, parseAlert } from '../../../sdk/index.js';
import { CAP12, capMessage, head, info, thrown } from './cap-support.js';

const cap = findAlertFormat('cap');

describe('CAP rejections', () => {
  for (const field of ['identifier', 'sender', 'sent', 'status', 'msgType', 'scope'] as const) {
    it(`rejects a message without <${field}>, naming it and the line of <alert>`, () => {
      const doc = capMessage(info('<event>E</event>')).replace(new RegExp(`\\s*<${field}>[^<]*</${field}>`), '');
      const error = thrown(() => cap.parse(doc));
      expect(error.code).to.equal(ErrorCode.AlertRejected);
      expect(error.category).to.equal(ErrorCategory.Alerts);
      expect(error.data).to.deep.include({ format: 'cap', field, line: 2, where: 'line 2' });
      expect(error.message).to.contain(`<${field}>`).and.contain('line 2');
    });
  }

  it('treats an empty required field as missing and names all that are missing', () => {
    const doc = `<alert xmlns="${CAP12}">\n${head({ sender: '  ' })}\n</alert>`.replace(/\s*<scope>Public<\/scope>/, '');
    const error = thrown(() => cap.parse(doc));
    expect(error.data).to.deep.include({ field: 'sender', fields: ['sender', 'scope'], line: 1 });
    expect(error.message).to.contain('<sender>, <scope>');
  });

  it('rejects an unreadable sent and unknown status, msgType or scope values, with their line', () => {
    const badSent = thrown(() => cap.parse(capMessage('', { sent: '16/07/2024 08:30' })));
    expect(badSent.data).to.deep.include({ field: 'sent', line: 5, value: '16/07/2024 08:30' });
    expect(thrown(() => cap.parse(capMessage('', { sent: '2024-02-30T00:00:00Z' }))).data).to.deep.include({ field: 'sent' });
    const badStatus = thrown(() => cap.parse(capMessage('', { status: 'Real' })));
    expect(badStatus.data).to.deep.include({ field: 'status', line: 6, value: 'Real' });
    expect(badStatus.message).to.contain('Actual, Exercise, System, Test, Draft');
    expect(thrown(() => cap.parse(capMessage('', { msgType: 'Notice' }))).data).to.deep.include({ field: 'msgType', line: 7 });
    expect(thrown(() => cap.parse(capMessage('', { scope: 'Everyone' }))).data).to.deep.include({ field: 'scope', line: 8 });
    // Case is not significant.
    expect(cap.parse(capMessage('', { status: 'EXERCISE', msgType: 'ack', scope: 'private' }))).to.deep.include({
      status: 'exercise', msgType: 'ack', scope: 'private',
    });
  });

  it('rejects a root that is not a CAP 1.1/1.2 alert', () => {
    const cap10 = thrown(() => cap.parse(`<alert xmlns="urn:oasis:names:tc:emergency:cap:1.0">${head()}</alert>`));
    expect(cap10.code).to.equal(ErrorCode.AlertRejected);
    expect(cap10.message).to.contain('urn:oasis:names:tc:emergency:cap:1.0');
    expect(thrown(() => cap.parse(`<?xml version="1.0"?>\n<feed xmlns="${CAP12}"/>`)).data).to.deep.include({ line: 2 });
    expect(thrown(() => cap.parse(`<cap:alert>${head()}</cap:alert>`)).message).to.contain('not declared');
  });

  it('reads an <alert> in no namespace when CAP is asked for by name (the probe does not claim it)', () => {
    const doc = `<alert>${head({ identifier: 'NO-NS' })}</alert>`;
    expect(cap.probe(doc)).to.equal(false);
    expect(cap.parse(doc).identifier).to.equal('NO-NS');
  });

  describe('DTDs', () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n`
      + `<alert xmlns="${CAP12}">${head()}<info><event>&xxe;</event></info></alert>`;
    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE alert [\n <!ENTITY lol "lol">\n`
      + Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">\n`).join('')
      + `]>\n<alert xmlns="${CAP12}">${head()}<info><event>&lol9;</event></info></alert>`;

    it('refuses an external entity (XXE) at the DOCTYPE, before reading what follows', () => {
      const error = thrown(() => cap.parse(xxe));
      expect(error.code).to.equal(ErrorCode.XmlDoctypeRefused);
      expect(error.data).to.deep.include({ format: 'cap', line: 2, column: 1, offset: 22, declaration: 'DOCTYPE' });
      expect(error.message).not.to.contain('root');
      // Nothing after the declaration is read: even a broken remainder gives the same refusal.
      expect(thrown(() => cap.parse(`${xxe.slice(0, 90)}<<<< not xml`)).code).to.equal(ErrorCode.XmlDoctypeRefused);
    });

    it('refuses billion laughs without expanding anything, at once', () => {
      const started = performance.now();
      const error = thrown(() => cap.parse(new TextEncoder().encode(laughs)));
      expect(performance.now() - started).to.be.below(100);
      expect(error.code).to.equal(ErrorCode.XmlDoctypeRefused);
      expect(error.message).not.to.contain('lollol');
    });

    it('claims a DOCTYPE naming an alert root, so detection refuses it instead of calling it unknown', () => {
      expect(cap.probe(xxe)).to.equal(true);
      expect(thrown(() => parseAlert(xxe)).code).to.equal(ErrorCode.XmlDoctypeRefused);
      expect(thrown(() => parseAlert(new TextEncoder().encode(laughs))).code).to.equal(ErrorCode.XmlDoctypeRefused);
    });

    it('refuses a declaration inside the document too', () => {
      const inside = capMessage(`<!ENTITY x "y">${info('<event>E</event>')}`);
      expect(thrown(() => cap.parse(inside)).code).to.equal(ErrorCode.XmlDoctypeRefused);
    });
  });
});
