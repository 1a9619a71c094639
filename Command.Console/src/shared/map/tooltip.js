// The hover card over map symbols. Text only (textContent), since callsigns, names and addresses are data.
import Overlay from 'ol/Overlay.js';
import { h, replace } from '../dom.js';

/** pick(pixel) returns the card for what is drawn under a pixel, { title, lines: [..] }, or null. */
export function attachTooltip(map, pick) {
  const el = h('div', { class: 'map-tooltip', attrs: { role: 'tooltip' } });
  el.hidden = true;
  const overlay = new Overlay({ element: el, offset: [14, 10], positioning: 'top-left', stopEvent: false });
  map.addOverlay(overlay);

  let pixel = null;
  const render = () => {
    const card = pixel && pick(pixel);
    map.getTargetElement().style.cursor = card ? 'pointer' : '';
    if (!card) {
      el.hidden = true;
      return;
    }
    replace(el, h('div', { class: 'map-tooltip-title' }, card.title), ...card.lines.map((line) => h('div', {}, line)));
    // Open towards the middle of the map, so a card for a symbol near an edge is not cut off.
    const [width, height] = map.getSize();
    const below = pixel[1] < height / 2;
    const right = pixel[0] < width / 2;
    overlay.setPositioning(`${below ? 'top' : 'bottom'}-${right ? 'left' : 'right'}`);
    overlay.setOffset([right ? 14 : -14, below ? 14 : -14]);
    overlay.setPosition(map.getCoordinateFromPixel(pixel));
    el.hidden = false;
  };

  map.on('pointermove', (event) => {
    if (event.dragging) return;
    pixel = event.pixel;
    render();
  });
  map.getViewport().addEventListener('mouseleave', () => {
    pixel = null;
    render();
  });
  // The card's times (time in status) keep counting, and a team may glide away from under the pointer.
  setInterval(() => pixel && render(), 1000);
}
