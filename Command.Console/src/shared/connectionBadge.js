// Shows the hub connection at all times: a console that silently stopped receiving would show a calm, stale map.
// The page's body carries the state too (data-connection), so the stylesheet can mark the whole page as stale.
import { replace } from './dom.js';

const words = {
  connecting: '正在连接…',
  connected: '实时连接正常',
  reconnecting: '连接中断，正在重连…',
};

export function connectionBadge(el) {
  let since = Date.now();
  let current = 'connecting';
  const render = () => {
    let text = words[current] ?? current;
    if (current === 'reconnecting') text += `（${Math.floor((Date.now() - since) / 1000)} 秒）`;
    replace(el, text);
    el.dataset.state = current;
    document.body.dataset.connection = current;
  };
  setInterval(() => current === 'reconnecting' && render(), 1000);
  render();
  return (state) => {
    if (state === 'reconnecting' && current !== 'reconnecting') since = Date.now();
    current = state;
    render();
  };
}
