import { expect } from '@esm-bundle/chai';
import {
  CA_BLOCK_REASONS, caPromptConfigFromJson, DEFAULT_CA_PROMPTS, describeCaReason, ErrorCode, YiwangError,
} from '../../../sdk/index.js';

function configError(json: unknown): YiwangError {
  try {
    caPromptConfigFromJson(json);
  } catch (error) {
    if (error instanceof YiwangError) return error;
    throw error;
  }
  throw new Error('expected a ConfigInvalid error');
}

describe('CA prompt texts and operator config', () => {
  it('has a Chinese text and a display code for every block reason', () => {
    for (const reason of CA_BLOCK_REASONS) {
      const prompt = DEFAULT_CA_PROMPTS[reason];
      expect(prompt.text, reason).to.match(/[\u4e00-\u9fff]/);
      expect(prompt.code, reason).to.match(/^[A-Z]\d[0-9A-F]$/);
    }
    expect(DEFAULT_CA_PROMPTS.noCard).to.deep.equal({ code: 'E03', text: '加扰节目，请插入智能卡' });
    expect(DEFAULT_CA_PROMPTS.notEntitled).to.deep.equal({ code: 'E09', text: '没有授权' });
    expect(DEFAULT_CA_PROMPTS.terminalNotActivated.text).to.equal('终端未激活，请联系运营商');
  });

  it('accepts the flat shape and the {prompts} shape; configured reasons win, the rest keep the defaults', () => {
    const flat = caPromptConfigFromJson({ noCard: { code: 'E04', text: '请插入智能卡' } });
    const wrapped = caPromptConfigFromJson({ prompts: { noCard: { code: 'E04', text: '请插入智能卡' }, expired: { text: '卡已过期' } } });
    expect(flat).to.deep.equal({ noCard: { code: 'E04', text: '请插入智能卡' } });
    expect(describeCaReason('noCard', wrapped)).to.deep.equal({ code: 'E04', text: '请插入智能卡' });
    expect(describeCaReason('expired', wrapped)).to.deep.equal({ text: '卡已过期' });
    expect(describeCaReason('badCard', wrapped)).to.deep.equal(DEFAULT_CA_PROMPTS.badCard);
  });

  it('names the path of a bad value', () => {
    const error = configError({ noCard: { code: 'E04', text: '' } });
    expect(error.code).to.equal(ErrorCode.ConfigInvalid);
    expect(error.message).to.include('prompts.noCard.text: expected a non-empty string');
    expect(error.data).to.deep.equal({ path: 'prompts.noCard.text', expected: 'a non-empty string', actual: '' });
    expect(configError({ prompts: { expired: { code: 4, text: 'x' } } }).data.path).to.equal('prompts.expired.code');
    expect(configError({ expired: '卡过期' }).data.path).to.equal('prompts.expired');
    expect(configError({ expired: { text: 'x', colour: 'red' } }).data.path).to.equal('prompts.expired.colour');
    expect(configError([]).data.path).to.equal('prompts');
    expect(configError({ prompts: {}, theme: 1 }).data.path).to.equal('theme');
  });

  it('rejects an unknown reason by name', () => {
    const error = configError({ noCrad: { text: '请插卡' } });
    expect(error.data.path).to.equal('prompts.noCrad');
    expect(error.message).to.include('"noCrad"').and.include('did you mean "noCard"');
  });
});
