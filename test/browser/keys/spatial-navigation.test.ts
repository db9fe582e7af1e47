import { expect } from '@esm-bundle/chai';
import { LitElement, html, css } from 'lit';
import { SpatialNavigator, remoteKeys } from '../../../sdk/index.js';
import { testPlatform } from './test-platform.js';

// A lit component whose tiles live in its shadow root, laid out as a 3×3 grid with one gap.
class TileGrid extends LitElement {
  static override styles = css`
    :host { display: grid; grid-template-columns: repeat(3, 100px); gap: 10px; }
    div { height: 60px; background: #333; }
    .gap { visibility: hidden; }
  `;
  override render(): unknown {
    return html`${['a', 'b', 'c', 'd', 'e', '', 'g', 'h', 'i'].map((id) =>
      id ? html`<div id=${id} data-focusable @click=${() => this.dispatchEvent(new CustomEvent('picked', { detail: id }))}></div>` : html`<div class="gap"></div>`)}`;
  }
}
customElements.define('test-tile-grid', TileGrid);

describe('SpatialNavigator', () => {
  let grid: TileGrid;
  let nav: SpatialNavigator;
  const id = (): string | undefined => nav.focused?.id;

  beforeEach(async () => {
    grid = new TileGrid();
    document.body.appendChild(grid);
    await grid.updateComplete;
    nav = new SpatialNavigator(document.body);
  });
  afterEach(() => grid.remove());

  it('finds focusables through shadow roots and focuses the first', () => {
    expect(nav.focusables().map((e) => e.id)).to.deep.equal(['a', 'b', 'c', 'd', 'e', 'g', 'h', 'i']);
    nav.focus();
    expect(id()).to.equal('a');
    expect(grid.shadowRoot?.activeElement?.id).to.equal('a');
  });

  it('moves by geometry, prefers aligned neighbours, and stops at edges', () => {
    nav.focus();
    expect(nav.move('left')).to.equal(false);
    expect(id()).to.equal('a');
    nav.move('right');
    nav.move('right');
    expect(id()).to.equal('c');
    expect(nav.move('right')).to.equal(false);
    nav.move('down'); // below c is a gap: the next row's nearest tile wins over skipping a row to i
    expect(id()).to.equal('e');
    nav.move('down');
    expect(id()).to.equal('h');
    nav.move('right');
    expect(id()).to.equal('i');
    nav.move('up'); // the gap again: nearest in the row above
    expect(id()).to.equal('e');
  });

  it('is driven by remote keys and clicks on Enter', () => {
    const platform = testPlatform('cn-iptv');
    const picked: string[] = [];
    grid.addEventListener('picked', (e) => picked.push((e as CustomEvent<string>).detail));
    nav.focus();
    const focusChanges: string[] = [];
    nav.focusChanges.subscribe((el) => focusChanges.push(el.id));
    const sub = nav.connect(remoteKeys({ platform }));
    platform.send('keydown', 'ArrowDown');
    platform.send('keyup', 'ArrowDown');
    platform.send('keydown', 'ArrowRight');
    platform.send('keyup', 'ArrowRight');
    platform.send('keydown', 'Enter');
    platform.send('keyup', 'Enter');
    sub.unsubscribe();
    expect(focusChanges).to.deep.equal(['d', 'e']);
    expect(picked).to.deep.equal(['e']);
  });
});
