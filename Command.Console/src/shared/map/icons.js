// Map symbols drawn once on canvases and cached: drawing 2,000 team icons a frame must only blit images.
import Icon from 'ol/style/Icon.js';

/** Symbols are drawn at the screen's pixel ratio (up to 3), so the team layer can blit them unscaled. */
export const ratio = Math.min(3, Math.ceil(globalThis.devicePixelRatio || 1));
const font = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';

function canvas(width, height) {
  const c = document.createElement('canvas');
  c.width = width * ratio;
  c.height = height * ratio;
  const ctx = c.getContext('2d');
  ctx.scale(ratio, ratio);
  return { c, ctx };
}

function icon(c) {
  return new Icon({ img: c, size: [c.width, c.height], scale: 1 / ratio, anchor: [0.5, 0.5] });
}

function shapePath(ctx, mode, x, y, r) {
  ctx.beginPath();
  switch (mode) {
    case 'vehicle': {
      // Rounded square: a car.
      const s = r * 0.95;
      ctx.roundRect(x - s, y - s, 2 * s, 2 * s, 4);
      break;
    }
    case 'checkpoint':
      // Diamond: a fixed post.
      ctx.moveTo(x, y - r * 1.15);
      ctx.lineTo(x + r * 1.15, y);
      ctx.lineTo(x, y + r * 1.15);
      ctx.lineTo(x - r * 1.15, y);
      ctx.closePath();
      break;
    case 'motorcycle':
      // Hexagon.
      for (let i = 0; i < 6; i++) {
        const a = Math.PI / 6 + (i * Math.PI) / 3;
        ctx[i === 0 ? 'moveTo' : 'lineTo'](x + r * 1.05 * Math.cos(a), y + r * 1.05 * Math.sin(a));
      }
      ctx.closePath();
      break;
    default:
      // Circle: on foot.
      ctx.arc(x, y, r, 0, 2 * Math.PI);
  }
}

const teamIcons = new Map();

/** Pixel size (CSS pixels) of a team symbol. */
export const teamIconSize = 26;

/**
 * A team symbol as a canvas, for the team layer to blit: shape and glyph by mode, fill by status; a stale team is
 * grey and dashed (the layer draws it faded). The canvas is devicePixelRatio-sized; draw it at teamIconSize.
 */
export function teamIcon({ mode, glyph, colour, stale, selected }) {
  const key = `${mode}|${colour}|${stale}|${selected}`;
  let cached = teamIcons.get(key);
  if (cached) return cached;
  const size = teamIconSize;
  const { c, ctx } = canvas(size, size);
  const r = 9;
  if (selected) {
    shapePath(ctx, mode, size / 2, size / 2, r + 4);
    ctx.fillStyle = 'rgba(255, 214, 0, 0.9)';
    ctx.fill();
  }
  shapePath(ctx, mode, size / 2, size / 2, r);
  ctx.fillStyle = colour;
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.strokeStyle = stale ? '#424242' : '#ffffff';
  if (stale) ctx.setLineDash([3, 2]);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = '#ffffff';
  ctx.font = `bold 11px ${font}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(glyph, size / 2, size / 2 + 1);
  teamIcons.set(key, c);
  return c;
}

let cameraIcon;
export function camera() {
  if (cameraIcon) return cameraIcon;
  const { c, ctx } = canvas(18, 14);
  ctx.fillStyle = '#37474f';
  ctx.beginPath();
  ctx.roundRect(1, 2, 12, 10, 2);
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(13, 5);
  ctx.lineTo(17, 3);
  ctx.lineTo(17, 11);
  ctx.lineTo(13, 9);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = '#80deea';
  ctx.beginPath();
  ctx.arc(7, 7, 2.6, 0, 2 * Math.PI);
  ctx.fill();
  cameraIcon = icon(c);
  return cameraIcon;
}

let checkpointIcon;
export function checkpoint() {
  if (checkpointIcon) return checkpointIcon;
  // A striped barrier on two posts: how a 治安卡点 looks on the road.
  const { c, ctx } = canvas(18, 12);
  ctx.fillStyle = '#424242';
  ctx.fillRect(2, 5, 2, 7);
  ctx.fillRect(14, 5, 2, 7);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(1, 2, 16, 5);
  ctx.save();
  ctx.beginPath();
  ctx.rect(1, 2, 16, 5);
  ctx.clip();
  ctx.fillStyle = '#d32f2f';
  for (let x = -5; x < 18; x += 5) {
    ctx.beginPath();
    ctx.moveTo(x, 7);
    ctx.lineTo(x + 2.5, 2);
    ctx.lineTo(x + 5, 2);
    ctx.lineTo(x + 2.5, 7);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
  ctx.strokeStyle = '#b71c1c';
  ctx.lineWidth = 1;
  ctx.strokeRect(1, 2, 16, 5);
  checkpointIcon = icon(c);
  return checkpointIcon;
}
