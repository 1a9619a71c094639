// Icons that would cover each other are spread around where they are: two teams at one gate, or a team standing on
// the incident it was sent to, each stay visible and clickable. The true position keeps a small dot and a thin leader
// line to the icon drawn beside it, so the map never lies about where a team is.
//
// One pass per frame over the teams in view, grouped through a grid of screen cells: each icon looks only at the 3×3
// cells around its own, so 2,000 teams cost a few map lookups each, never a comparison of every pair.

/** Icons whose centres are closer than this (CSS pixels) are taken as overlapping. */
export const nearPixels = 18;
const cell = nearPixels;

/**
 * Sets `dx`, `dy` (CSS pixels) on every entry `[x, y, record]` of `frame`: zero where the icon is alone, an offset
 * around a small circle where it would cover another team or an incident. `anchors` are the incidents' pixels
 * ([x, y] in the same space): an incident keeps its place and the teams on it move aside.
 */
export function spreadOverlaps(frame, anchors, iconSize) {
  const grid = new Map();
  const groups = [];
  const key = (cx, cy) => cx * 131072 + cy;
  function join(x, y) {
    const cx = Math.floor(x / cell);
    const cy = Math.floor(y / cell);
    let best = null;
    let bestDistance = nearPixels;
    for (let i = -1; i <= 1; i++) {
      for (let j = -1; j <= 1; j++) {
        const list = grid.get(key(cx + i, cy + j));
        if (!list) continue;
        for (const group of list) {
          const d = Math.hypot(group.x - x, group.y - y);
          if (d < bestDistance) {
            best = group;
            bestDistance = d;
          }
        }
      }
    }
    if (best) return best;
    const group = { x, y, members: [], incident: false };
    const k = key(cx, cy);
    const list = grid.get(k);
    if (list) list.push(group);
    else grid.set(k, [group]);
    groups.push(group);
    return group;
  }
  for (const [x, y] of anchors) join(x, y).incident = true;
  for (const entry of frame) {
    entry.dx = 0;
    entry.dy = 0;
    join(entry[0], entry[1]).members.push(entry);
  }
  for (const group of groups) {
    const n = group.members.length;
    if (n === 0 || (n === 1 && !group.incident)) continue;
    // Around the incident, or around where the teams are; the circle grows so that n icons fit side by side.
    const radius = Math.max(group.incident ? iconSize * 1.25 : iconSize * 0.7, (n * (iconSize + 2)) / (2 * Math.PI));
    // Members are ordered by id so an icon keeps its place on the circle from one frame to the next.
    const members = n > 1 ? [...group.members].sort((a, b) => (a[2].team.id < b[2].team.id ? -1 : 1)) : group.members;
    members.forEach((entry, k) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * k) / n + (group.incident ? Math.PI / 4 : 0);
      entry.dx = Math.round(group.x + radius * Math.cos(angle) - entry[0]);
      entry.dy = Math.round(group.y + radius * Math.sin(angle) - entry[1]);
    });
  }
}
