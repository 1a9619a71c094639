// Bundles the console's ES modules for the browser. The pages must load nothing from a CDN (police intranet),
// so OpenLayers and the SignalR client are bundled from node_modules, and OpenLayers' stylesheet is copied beside.
// Output goes to wwwroot/dist/, which is generated (git-ignored) and copied into the silo's output by the csproj.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'wwwroot', 'dist');
await mkdir(out, { recursive: true });

await build({
  entryPoints: {
    console: join(here, 'src', 'console', 'main.js'),
    patrol: join(here, 'src', 'patrol', 'main.js'),
    bench: join(here, 'src', 'bench', 'main.js'),
    leader: join(here, 'src', 'leader', 'main.js'),
    admin: join(here, 'src', 'admin', 'main.js'),
    terminal: join(here, 'src', 'terminal', 'main.js'),
    department: join(here, 'src', 'department', 'main.js'),
    disputes: join(here, 'src', 'disputes', 'main.js'),
    stats: join(here, 'src', 'stats', 'main.js'),
    replay: join(here, 'src', 'replay', 'main.js'),
  },
  outdir: out,
  bundle: true,
  format: 'esm',
  target: ['chrome100', 'firefox100', 'safari15'],
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
});
await copyFile(join(here, 'node_modules', 'ol', 'ol.css'), join(out, 'ol.css'));
