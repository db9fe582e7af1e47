import { expect } from '@esm-bundle/chai';
import { mountAlertOverlay, type AlertOverlayHandle } from '../../../sdk/alerts/overlay/index.js';
import { activeAlert, alertTestPlatform, fakeManager, frame, type FakeManager } from './overlay-support.js';

describe('alert overlay: announcements', () => {
  let manager: FakeManager;
  let overlay: AlertOverlayHandle | undefined;

  const live = (): HTMLElement => {
    const el = overlay?.element.shadowRoot?.querySelector<HTMLElement>('[role="alert"]');
    if (!el) throw new Error('no live region');
    return el;
  };

  beforeEach(() => {
    manager = fakeManager();
  });

  afterEach(() => {
    overlay?.unmount();
    overlay = undefined;
    delete (window as { speechSynthesis?: unknown }).speechSynthesis;
  });

  it('announces each new alert in an assertive live region, inside the layer on screen', async () => {
    overlay = mountAlertOverlay(manager, { platform: alertTestPlatform(), tone: false });
    manager.set(activeAlert({ key: 'cap:l/1', level: 3 }));
    await frame();
    expect(live().getAttribute('aria-live')).to.equal('assertive');
    expect(live().textContent).to.equal('Ⅲ级 较大 · 黄色预警。大风。大风黄色预警。预计未来12小时内本区将出现10级以上大风。 请留在室内，远离广告牌和临时搭建物。 北京市气象台');
    expect(live().closest('dialog')?.matches(':popover-open')).to.equal(true);

    manager.set(activeAlert({ key: 'cap:l/1', level: 3 }), activeAlert({ key: 'cap:l/2', level: 1, text: { headline: '地震预警', description: '请立即避险' } }));
    await frame();
    expect(live().textContent).to.equal('Ⅰ级 特别重大 · 红色预警。地震预警。请立即避险');
    expect(live().closest('dialog')?.matches(':modal')).to.equal(true);

    // The same alert again (a carousel repeat) is not announced again; an update is.
    const before = live().textContent;
    manager.set(activeAlert({ key: 'cap:l/2', level: 1, text: { headline: '地震预警', description: '请立即避险' } }), activeAlert({ key: 'cap:l/1', level: 3 }));
    await frame();
    expect(live().textContent).to.equal(before);
    manager.set(activeAlert({ key: 'cap:l/2', level: 1, text: { headline: '地震预警', description: '余震可能持续' } }));
    await frame();
    expect(live().textContent).to.contain('余震可能持续');
    expect(live().getAttribute('lang')).to.equal('zh-CN');
  });

  it('labels drills in the announcement', async () => {
    overlay = mountAlertOverlay(manager, { platform: alertTestPlatform(), tone: false });
    manager.setDrills(activeAlert({ level: 4, drill: true, text: { headline: '应急广播演练' } }));
    await frame();
    expect(live().textContent).to.match(/^演练 DRILL。Ⅳ级 一般 · 蓝色预警。应急广播演练/);
  });

  it('reads alerts aloud with a zh-CN voice when speech is on', async () => {
    const spoken: { text: string; lang: string }[] = [];
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: {
        getVoices: () => [],
        speak: (u: SpeechSynthesisUtterance) => spoken.push({ text: u.text, lang: u.lang }),
        cancel: () => undefined,
      },
    });
    overlay = mountAlertOverlay(manager, { platform: alertTestPlatform(), tone: false, speech: true });
    manager.set(activeAlert({ level: 3, language: 'zho', text: { headline: '暴雨预警' } }));
    await frame();
    await frame();
    expect(spoken).to.deep.equal([{ text: 'Ⅲ级 较大 · 黄色预警。暴雨预警', lang: 'zh-CN' }]);
  });
});
