import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** Type-checks one file under shared/tsconfig.json's rules and returns tsc's output. */
async function checkUnderSharedRules(source: string): Promise<string> {
  // Inside the repo (an ignored folder) so packages resolve from node_modules as they do for shared/.
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  const dir = mkdtempSync(path.join(root, '.tmp', 'purity-'));
  writeFileSync(path.join(dir, 'probe.ts'), source);
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: path.join(root, 'shared', 'tsconfig.json'), include: [path.join(dir, 'probe.ts')] }),
  );
  try {
    await promisify(execFile)(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', dir], { cwd: root });
    return '';
  } catch (err) {
    return (err as { stdout: string }).stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('shared/ stays platform-free', () => {
  it.each(['hono', 'dexie', 'drizzle-orm', 'wxt/browser', 'cloudflare:workers', 'node:fs'])('importing %s is a type error', async (mod) => {
    const out = await checkUnderSharedRules(`import * as m from '${mod}';\nexport const x = m;\n`);
    expect(out).toMatch(/platform-import-forbidden\.ts.*error TS2322|error TS(2307|2591)/);
  });

  it.each(['document.title', 'window.location', 'process.env', 'localStorage'])('using %s is a type error', async (expr) => {
    const out = await checkUnderSharedRules(`export const x = ${expr};\n`);
    expect(out).toMatch(/error TS(2304|2584|2580|2591|2867|2868)/);
  });

  it('pure code with the allowed packages passes', async () => {
    const out = await checkUnderSharedRules(`import { z } from 'zod';\nimport nlp from 'compromise';\nexport const s = z.string();\nexport const n = nlp('hi').terms().length;\n`);
    expect(out).toBe('');
  });
});
