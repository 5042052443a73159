/**
 * `npm start`: everything a newcomer needs, in order, then the local service until ^C.
 *   1. apply D1 migrations to the local SQLite database (.wrangler/state)
 *   2. load the demo data (recorded source responses through the real pipeline)
 *   3. build the console (served by the worker) and the extension (chrome + firefox)
 *   4. run the worker on http://127.0.0.1:8787 (API, console, queue, cron)
 * Options: --port <n> (default 8787), --skip-build, --persist-to <dir> (another local database).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { loadDemo } from './demo-load.ts';
import { offlineNoiseFilter } from './offline-noise.ts';
import { varArgs } from './dev-vars.ts';
import { root, wrangler } from './wrangler.ts';


const { values } = parseArgs({
  options: { port: { type: 'string', default: '8787' }, 'skip-build': { type: 'boolean', default: false }, 'persist-to': { type: 'string' } },
});
const persist = values['persist-to'] ? ['--persist-to', values['persist-to']] : [];
const step = (msg: string) => console.log(`\n▸ ${msg}`);

step('Applying D1 migrations (local SQLite) and loading demo data');
const demo = await loadDemo(values['persist-to'] ? { persistTo: values['persist-to'] } : {});
console.log(`  ${demo.observations} recorded source items → ${demo.computedTrends} computed trends, plus ${demo.sampleTrends} sample trends`);

if (!values['skip-build']) {
  step('Building the console and the extension');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) {
    console.error('build failed; see the errors above');
    process.exit(1);
  }
}

const { args: varFlags, names: vars } = varArgs(process.env);
const url = `http://127.0.0.1:${values.port}`;
console.log(`
Sightline is starting.
  Console and API:   ${url}
  Chrome extension:  ${path.join(root, '.output', 'chrome-mv3')}
                     chrome://extensions → Developer mode → Load unpacked
  Firefox extension: ${path.join(root, '.output', 'firefox-mv3')}
                     about:debugging → This Firefox → Load Temporary Add-on → manifest.json
  Pair the extension: sign up in the console, open Settings, create a pairing code,
                     and enter it with the worker URL in the extension's options.
  LLM path:          ${process.env.OPENAI_API_KEY ? 'OpenAI-compatible endpoint' : 'built-in (set OPENAI_API_KEY to use an LLM)'}
  Video path:        ${process.env.HEYGEN_API_KEY ? 'HeyGen' : 'storyboards only (set HEYGEN_API_KEY to render)'}
  Passing through:   ${vars.length ? vars.join(', ') : '(none of the variables in the README are set)'}
Press Ctrl+C to stop.
`);

const child = wrangler(
  [
    'dev',
    '--local',
    '--ip', '127.0.0.1',
    '--port', values.port,
    '--test-scheduled',
    '--show-interactive-dev-session=false',
    ...persist,
    ...varFlags,
  ],
  { stdio: 'pipe', env: { FORCE_COLOR: process.stdout.isTTY ? '1' : '0' } },
);
for (const [from, to] of [[child.stdout!, process.stdout], [child.stderr!, process.stderr]] as const) {
  const line = offlineNoiseFilter((l) => to.write(`${l}\n`));
  createInterface({ input: from, crlfDelay: Infinity }).on('line', line);
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));

// `wrangler dev` does not run Cron Triggers on its own; drive the same cron handler
// through its test endpoint: once when the worker is up, then every 15 minutes as
// wrangler.toml schedules it. Offline, this is what records each source as unreachable.
const cronUrl = `${url}/__scheduled?cron=${encodeURIComponent('*/15 * * * *')}`;
const fireCron = () => fetch(cronUrl).catch(() => {});
const waitUntilUp = async () => {
  for (let i = 0; i < 120; i++) {
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
};
if (await waitUntilUp()) {
  await fireCron();
  setInterval(fireCron, 15 * 60_000).unref();
}
