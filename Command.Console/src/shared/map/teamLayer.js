// Patrol teams on the map: symbol by mode, colour by status, faded when the last fix is old. A new fix does not
// make the icon jump: it glides from where it is drawn to the new position over about the time between fixes.
//
// Why a custom layer and not OpenLayers features: with 2,000 teams gliding, every frame moves every icon. As
// features, each move runs OpenLayers' change-event chain and the vector renderer rebuilds its instructions for all
// of them. Here a team is a plain record, a frame is one pass of arithmetic and one unscaled drawImage at whole
// pixels per visible team (scaled or sub-pixel blits cost several times more on a CPU-rendered canvas), and hit
// testing (hover, click) is a scan of screen pixels. A glide that nobody could see (off screen, or less than a pixel
// at the current zoom, which is every move of a car at city scale) completes at once, so the map repaints only as
// often as something visibly moves.
import Layer from 'ol/layer/Layer.js';
import ViewHint from 'ol/ViewHint.js';
import { apply as applyTransform } from 'ol/transform.js';
import { toLonLat } from 'ol/proj.js';
import { ratio as iconRatio, teamIcon, teamIconSize } from './icons.js';
import { toMap } from './mapView.js';
import { spreadOverlaps } from './spread.js';
import { staleColour, teamModeGlyph, teamStatusColour } from '../labels.js';

const minGlideMs = 250;
const maxGlideMs = 1500;
/** A fix this far from the last is a jump (a restarted device, a corrected fix): gliding across the county would lie. */
const jumpMetres = 5000;
/** Callsigns are written under the icons from this resolution (metres per pixel, about zoom 12) inwards. */
const labelResolution = 40;
/** Overlapping icons are spread apart (map/spread.js) from the same zoom: at city scale a dense crowd stays a crowd. */
const spreadResolution = labelResolution;
const hitRadius = teamIconSize / 2;
const font = '12px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';

export function createTeamLayer(store) {
  /** id → { team, x, y (drawn, map units), glide } */
  const drawn = new Map();
  let selectedTeamId = null;
  let canvas = null;

  // The silo decides staleness (Dispatch:StaleAfter) and pushes the team when it goes stale or fresh again.
  function isStale(team) {
    return !team.position || team.stale;
  }

  function symbol(team, stale, selected) {
    return teamIcon({
      mode: team.mode,
      glyph: teamModeGlyph[team.mode] ?? '巡',
      colour: stale ? staleColour : teamStatusColour[team.status] ?? staleColour,
      stale,
      selected,
    });
  }

  // While the map is dragged or animated, the teams are drawn once onto a sheet covering the view and a margin
  // around it; as long as nothing about the teams changes, each frame is one drawImage of that sheet, shifted.
  let sheet = null;
  /** The sheet's canvas, kept while no sheet is current, so that every drag does not allocate a new one. */
  let spare = null;
  let version = 0;
  let lastTransform = null;

  function render(frameState) {
    const [width, height] = frameState.size;
    const ratio = frameState.pixelRatio;
    if (!canvas) {
      canvas = document.createElement('canvas');
      canvas.className = 'team-layer';
      // Styles through the CSSOM: allowed under a Content-Security-Policy without 'unsafe-inline'.
      canvas.style.position = 'absolute';
      canvas.style.left = '0';
      canvas.style.top = '0';
      canvas.style.width = '100%';
      canvas.style.height = '100%';
      canvas.style.pointerEvents = 'none';
    }
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }

    // The glide is advanced by the frame being drawn, and asks for the next frame while any team is moving: one
    // animation loop, the map's own, for every team.
    const { resolution, rotation } = frameState.viewState;
    if (advance(performance.now(), frameState.extent, resolution)) {
      frameState.animate = true;
      version++;
    }
    const t = frameState.coordinateToPixelTransform;
    lastTransform = [...t];
    const moving = frameState.viewHints[ViewHint.ANIMATING] > 0 || frameState.viewHints[ViewHint.INTERACTING] > 0;
    const reusable = moving && sheet && sheet.version === version && sheet.resolution === resolution
      && sheet.rotation === rotation && sheet.ratio === ratio && sheet.width === width && sheet.height === height;
    const ctx = canvas.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (!moving) {
      // A still map (teams gliding, or a batch of fixes): draw what is in view, straight onto the layer.
      sheet = null;
      drawTeams(ctx, frameState, 0, 0);
      return canvas;
    }
    if (!reusable) sheet = drawSheet(frameState);
    // Where the sheet's top-left corner is now: its anchor coordinate through this frame's transform.
    const [ax, ay] = sheet.anchor;
    ctx.drawImage(sheet.canvas, Math.round((t[0] * ax + t[2] * ay + t[4]) * ratio), Math.round((t[1] * ax + t[3] * ay + t[5]) * ratio));
    return canvas;
  }

  /** Draws every team within the view and half a view more on each side onto the (offscreen) sheet. */
  function drawSheet(frameState) {
    const [width, height] = frameState.size;
    const ratio = frameState.pixelRatio;
    const mx = Math.round(width / 2);
    const my = Math.round(height / 2);
    const sheetCanvas = sheet?.canvas ?? spare ?? document.createElement('canvas');
    spare = sheetCanvas;
    const sw = Math.round((width + 2 * mx) * ratio);
    const sh = Math.round((height + 2 * my) * ratio);
    if (sheetCanvas.width !== sw || sheetCanvas.height !== sh) {
      sheetCanvas.width = sw;
      sheetCanvas.height = sh;
    }
    const ctx = sheetCanvas.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, sw, sh);
    drawTeams(ctx, frameState, mx, my);
    return {
      canvas: sheetCanvas,
      // The map coordinate under the sheet's top-left pixel.
      anchor: applyTransform(frameState.pixelToCoordinateTransform, [-mx, -my]),
      version,
      resolution: frameState.viewState.resolution,
      rotation: frameState.viewState.rotation,
      ratio,
      width,
      height,
    };
  }

  /** Draws the teams within the frame's view widened by (mx, my) CSS pixels, shifted by the same amount. */
  function drawTeams(ctx, frameState, mx, my) {
    const [width, height] = frameState.size;
    const ratio = frameState.pixelRatio;
    const t = frameState.coordinateToPixelTransform;
    const half = teamIconSize / 2;
    const labels = frameState.viewState.resolution <= labelResolution;
    const spread = frameState.viewState.resolution <= spreadResolution;
    const frame = [];
    const margin = spread ? half * 3 : half;
    for (const record of drawn.values()) {
      record.dx = 0;
      record.dy = 0;
      const x = t[0] * record.x + t[2] * record.y + t[4] + mx;
      const y = t[1] * record.x + t[3] * record.y + t[5] + my;
      if (x < -margin || y < -margin || x > width + 2 * mx + margin || y > height + 2 * my + margin) continue;
      frame.push([x, y, record]);
    }
    if (spread) {
      spreadOverlaps(frame, incidentPixels(t, mx, my), teamIconSize);
      drawLeaders(ctx, frame, ratio);
    }
    // Idle teams first, busy ones over them, the selected one on top: a team on its way is never hidden.
    const later = [];
    let selected = null;
    for (const entry of frame) {
      const record = entry[2];
      if (spread) {
        record.dx = entry.dx;
        record.dy = entry.dy;
        entry[0] += entry.dx;
        entry[1] += entry.dy;
      }
      if (record.team.id === selectedTeamId) selected = entry;
      else if (record.team.status === 'available' || record.team.status === 'offDuty') draw(ctx, entry[0], entry[1], record, false, ratio);
      else later.push(entry);
    }
    for (const [x, y, record] of later) draw(ctx, x, y, record, false, ratio);
    if (selected) draw(ctx, selected[0], selected[1], selected[2], true, ratio);
    if (labels) {
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.font = font;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.lineWidth = 3;
      ctx.strokeStyle = '#ffffff';
      ctx.fillStyle = '#1a237e';
      for (const [x, y, record] of frame) {
        ctx.strokeText(record.team.callsign, x, y + half - 4);
        ctx.fillText(record.team.callsign, x, y + half - 4);
      }
      ctx.setTransform(1, 0, 0, 1, 0, 0);
    }
  }

  /** The open incidents' pixels in the drawing's space: the incident layer draws them, the teams on them move aside. */
  function incidentPixels(t, mx, my) {
    const pixels = [];
    for (const incident of store.incidents.values()) {
      if (!incident.location || incident.status === 'closed') continue;
      const [ix, iy] = toMap(incident.location.lon, incident.location.lat);
      pixels.push([t[0] * ix + t[2] * iy + t[4] + mx, t[1] * ix + t[3] * iy + t[5] + my]);
    }
    return pixels;
  }

  /** A spread icon keeps a thin line to a dot at its true position. */
  function drawLeaders(ctx, frame, ratio) {
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.strokeStyle = 'rgba(38, 50, 56, 0.8)';
    ctx.fillStyle = '#263238';
    ctx.lineWidth = 1;
    for (const entry of frame) {
      if (!entry.dx && !entry.dy) continue;
      ctx.beginPath();
      ctx.moveTo(entry[0], entry[1]);
      ctx.lineTo(entry[0] + entry.dx, entry[1] + entry.dy);
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(entry[0], entry[1], 2.5, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }

  /** Draws in device pixels: unscaled at whole pixels when the symbols were made for this pixel ratio. */
  function draw(ctx, x, y, record, selected, ratio) {
    const stale = isStale(record.team);
    const image = symbol(record.team, stale, selected);
    if (stale) ctx.globalAlpha = 0.75;
    const size = teamIconSize * ratio;
    const left = Math.round(x * ratio - size / 2);
    const top = Math.round(y * ratio - size / 2);
    if (ratio === iconRatio) ctx.drawImage(image, left, top);
    else ctx.drawImage(image, left, top, size, size);
    if (stale) ctx.globalAlpha = 1;
  }

  const layer = new Layer({ render, zIndex: 20, properties: { name: 'teams', kind: 'team' } });

  function place(team) {
    if (!team.position) return null;
    let record = drawn.get(team.id);
    if (!record) {
      const [x, y] = toMap(team.position.lon, team.position.lat);
      record = { team, x, y, glide: null };
      drawn.set(team.id, record);
    }
    return record;
  }

  function glideTo(record, now) {
    const [tx, ty] = toMap(record.team.position.lon, record.team.position.lat);
    // Web Mercator metres are stretched by 1/cos(latitude): about 1.24 at Liaocheng.
    if (Math.hypot(tx - record.x, ty - record.y) / 1.24 > jumpMetres) {
      record.x = tx;
      record.y = ty;
      record.glide = { start: now, done: true };
      return;
    }
    const interval = record.glide ? now - record.glide.start : maxGlideMs;
    record.glide = { fx: record.x, fy: record.y, tx, ty, start: now, duration: Math.min(maxGlideMs, Math.max(minGlideMs, interval)), done: false };
  }

  /**
   * Moves every gliding team to where it is at `now`; true while a visible glide is still under way. `extent` and
   * `resolution` are the frame's, in map units: what is off screen or under a pixel completes at once.
   */
  function advance(now, extent, resolution) {
    let active = false;
    const margin = teamIconSize * resolution;
    for (const record of drawn.values()) {
      const g = record.glide;
      if (!g || g.done) continue;
      const t = (now - g.start) / g.duration;
      const unseen = Math.hypot(g.tx - g.fx, g.ty - g.fy) < resolution
        || (outside(g.fx, g.fy, extent, margin) && outside(g.tx, g.ty, extent, margin));
      if (t >= 1 || unseen) {
        record.x = g.tx;
        record.y = g.ty;
        g.done = true;
      } else {
        // Ease-out: the icon sets off at once, which is what a watcher notices, and settles gently.
        const e = 1 - (1 - t) * (1 - t);
        record.x = g.fx + (g.tx - g.fx) * e;
        record.y = g.fy + (g.ty - g.fy) * e;
        active = true;
      }
    }
    return active;
  }

  function outside(x, y, extent, margin) {
    return x < extent[0] - margin || x > extent[2] + margin || y < extent[1] - margin || y > extent[3] + margin;
  }

  function applyMoves(teams) {
    version++;
    const now = performance.now();
    for (const team of teams) {
      const record = place(team);
      if (!record) continue;
      record.team = team;
      glideTo(record, now);
    }
    layer.changed();
  }

  store.on('reset', () => {
    version++;
    drawn.clear();
    for (const team of store.teams.values()) place(team);
    layer.changed();
  });
  store.on('team', (team) => {
    const record = place(team);
    if (!record) return;
    const moved = record.team.position?.at !== team.position?.at;
    record.team = team;
    version++;
    if (moved) applyMoves([team]);
    else layer.changed();
  });
  store.on('moves', applyMoves);

  return {
    layer,
    select(teamId) {
      selectedTeamId = teamId;
      version++;
      layer.changed();
    },
    /** The team drawn under a screen pixel (CSS pixels relative to the map), nearest first. */
    teamAt(pixel) {
      const t = lastTransform;
      if (!t) return null;
      let best = null;
      let bestDistance = hitRadius;
      for (const record of drawn.values()) {
        // Where the icon is drawn: beside its true position when spread from an overlap.
        const d = Math.hypot(t[0] * record.x + t[2] * record.y + t[4] + (record.dx ?? 0) - pixel[0],
          t[1] * record.x + t[3] * record.y + t[5] + (record.dy ?? 0) - pixel[1]);
        if (d <= bestDistance) {
          best = record.team;
          bestDistance = d;
        }
      }
      return best;
    },
    /** Where the icon is drawn now, in degrees: what the eye sees, mid-glide included. */
    drawnPosition(teamId) {
      const record = drawn.get(teamId);
      return record ? toLonLat([record.x, record.y]) : null;
    },
    /** Where the icon's centre was last drawn, in CSS pixels relative to the map: beside its position when spread. */
    drawnPixel(teamId) {
      const record = drawn.get(teamId);
      const t = lastTransform;
      if (!record || !t) return null;
      return [t[0] * record.x + t[2] * record.y + t[4] + (record.dx ?? 0), t[1] * record.x + t[3] * record.y + t[5] + (record.dy ?? 0)];
    },
    drawnStyle(teamId) {
      const record = drawn.get(teamId);
      if (!record) return null;
      const team = record.team;
      const stale = isStale(team);
      return { mode: team.mode, status: team.status, stale, colour: stale ? staleColour : teamStatusColour[team.status] };
    },
    count: () => drawn.size,
    isStale,
  };
}
