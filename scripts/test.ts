// npm test: typecheck, lint, unit + integration tests with the coverage gate, then the browser E2E suite.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const ci = process.env.CI === 'true';
let passed = 0;
let failed = 0;

function run(label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  return r.status === 0;
}

function vitestCounts(file: string): void {
  if (!existsSync(file)) return;
  const j = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  passed += j.numPassedTests;
  failed += j.numFailedTests;
}

let ok = run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
ok = run('lint', 'npx', ['eslint', '--max-warnings=0', '.']) && ok;
ok =
  run('unit + integration (coverage gate)', 'npx', [
    'vitest', 'run', '--coverage', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json',
  ]) && ok;
vitestCounts('test-results/vitest.json');

if (existsSync('scripts/e2e.ts')) {
  const e2eOk = run('browser E2E', 'npx', ['tsx', 'scripts/e2e.ts']);
  ok = e2eOk && ok;
  vitestCounts('test-results/e2e.json');
  if (!e2eOk && !existsSync('test-results/e2e.json')) failed += 1;
}

if (!ci && !ok) console.log('\nSome step failed; see its output above.');
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
