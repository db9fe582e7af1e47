import { expect } from '@esm-bundle/chai';
import { KeepOnTop, topLayerStack, TopLayerRank } from '../../../sdk/overlays/index.js';
import { frame, nameOf, sleep, until } from './support/system-ui-support.js';

/** A minimal SDK layer: a host element whose re-assertions are logged. */
function layer(name: string, rank: number, log: string[]): { keep: KeepOnTop; element: HTMLElement; state: { shown: boolean } } {
  const element = document.createElement(`test-layer-${name}`);
  const state = { shown: true };
  const keep = new KeepOnTop({
    element, rank, reassert: () => log.push(name), shown: () => state.shown, holdsKeys: () => name === 'alert' && state.shown,
  });
  return { keep, element, state };
}

describe('top-layer stack', () => {
  const started: KeepOnTop[] = [];
  const appNodes: Element[] = [];

  function start<T extends { keep: KeepOnTop }>(l: T): T {
    l.keep.start();
    started.push(l.keep);
    return l;
  }

  afterEach(() => {
    for (const k of started.splice(0)) k.stop();
    for (const el of document.querySelectorAll('test-layer-system, test-layer-alert, test-layer-other')) el.remove();
    for (const el of appNodes.splice(0)) el.remove();
  });

  it('lines the layers up at the end of <html> in rank order, whatever order they start in', () => {
    const log: string[] = [];
    const alert = start(layer('alert', TopLayerRank.EMERGENCY_ALERT, log));
    const system = start(layer('system', TopLayerRank.SYSTEM_UI, log));
    const html = document.documentElement;
    expect([html.lastElementChild?.previousElementSibling, html.lastElementChild].map(nameOf))
      .to.deep.equal([nameOf(system.element), nameOf(alert.element)]);
    expect(topLayerStack().layers().map((l) => l.rank)).to.deep.equal([TopLayerRank.SYSTEM_UI, TopLayerRank.EMERGENCY_ALERT]);
  });

  it('re-asserts only the shown layers above one that entered by itself, and none for its own re-assertions', async () => {
    const log: string[] = [];
    const system = start(layer('system', TopLayerRank.SYSTEM_UI, log));
    const alert = start(layer('alert', TopLayerRank.EMERGENCY_ALERT, log));
    system.keep.entered();
    await frame();
    expect(log).to.deep.equal(['alert']);
    alert.keep.entered();
    await frame();
    expect(log).to.deep.equal(['alert']);
    alert.state.shown = false;
    system.keep.entered();
    await frame();
    expect(log).to.deep.equal(['alert']);
  });

  it('tells a lower layer when a higher one holds the remote', () => {
    const log: string[] = [];
    const system = start(layer('system', TopLayerRank.SYSTEM_UI, log));
    const alert = start(layer('alert', TopLayerRank.EMERGENCY_ALERT, log));
    expect(system.keep.heldAbove()).to.equal(true);
    expect(alert.keep.heldAbove()).to.equal(false);
    alert.state.shown = false;
    expect(system.keep.heldAbove()).to.equal(false);
  });

  it('gives up on a script that keeps taking the last place instead of fighting it forever', async () => {
    const log: string[] = [];
    const system = start(layer('system', TopLayerRank.SYSTEM_UI, log));
    const html = document.documentElement;
    const squatter = document.createElement('div');
    appNodes.push(squatter);
    let moves = 0;
    const hostile = new MutationObserver(() => {
      if (html.lastElementChild !== squatter && moves < 500) {
        moves++;
        html.append(squatter);
      }
    });
    hostile.observe(html, { childList: true });
    html.append(squatter);
    await sleep(400);
    hostile.disconnect();
    const placements = topLayerStack().layers().find((l) => l.element === system.element)?.placements ?? 0;
    expect(placements).to.be.at.most(31);
    expect(moves).to.be.lessThan(40);
    // Still registered and in the document: the top layer keeps it visible.
    expect(system.element.isConnected).to.equal(true);
  });

  it('puts back a layer a script keeps removing, ever more slowly instead of ping-ponging, and for good once it stops', async () => {
    const log: string[] = [];
    const system = start(layer('system', TopLayerRank.SYSTEM_UI, log));
    const html = document.documentElement;
    let removals = 0;
    const hostile = new MutationObserver(() => {
      if (system.element.isConnected && removals < 1000) {
        removals++;
        system.element.remove();
      }
    });
    hostile.observe(html, { childList: true });
    system.element.remove();
    await sleep(400);
    hostile.disconnect();
    // The per-second budget, then a few put-backs on a doubling delay (no ping-pong without end).
    expect(removals).to.be.within(25, 45);
    await until(() => system.element.parentElement === html, 'the layer back after the script stopped');
    expect(html.lastElementChild === system.element).to.equal(true);
  });

  it('takes a layer back into <html> from wherever an app moves it, however often', async () => {
    const log: string[] = [];
    const system = start(layer('system', TopLayerRank.SYSTEM_UI, log));
    const html = document.documentElement;
    const trap = document.createElement('div');
    trap.hidden = true;
    appNodes.push(document.body.appendChild(trap));
    for (let i = 0; i < 40; i++) {
      trap.append(system.element);
      await sleep(0);
    }
    await until(() => system.element.parentElement === html, 'the layer back in <html>');
  });

  it('strips the attributes and inline style an app could hide a layer with', async () => {
    const log: string[] = [];
    const system = start(layer('system', TopLayerRank.SYSTEM_UI, log));
    system.element.setAttribute('style', 'display:none');
    system.element.hidden = true;
    system.element.inert = true;
    await frame();
    expect(['style', 'hidden', 'inert'].filter((a) => system.element.hasAttribute(a))).to.deep.equal([]);
  });
});
