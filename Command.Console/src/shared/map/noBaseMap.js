// With no base tiles configured the map is boundaries on white: fine at city scale, useless at street scale where
// the officer looks for roads. Past that zoom, say so, and say how to configure tiles, instead of an empty canvas.
import { h } from '../dom.js';

/** About 1:20,000: where a street would be expected on the map. */
export const streetZoom = 14;

export function showNoBaseMapNotice(map, container, config) {
  if (config?.tileUrl) return null;
  const notice = h('div', { class: 'no-basemap', hidden: true, attrs: { role: 'note' } },
    h('strong', {}, '未配置底图'),
    '：当前只显示辖区边界，没有街道底图。请系统管理员在指挥系统服务端配置 ',
    h('code', {}, 'Console:TileUrl'),
    '（内网瓦片服务地址，GCJ-02 坐标，例如 appsettings.json 中的 "Console": { "TileUrl": "http://瓦片服务器/{z}/{x}/{y}.png" }），重启后生效。');
  container.append(notice);
  const update = () => { notice.hidden = (map.getView().getZoom() ?? 0) < streetZoom; };
  map.getView().on('change:resolution', update);
  update();
  return notice;
}
