#!/usr/bin/env node
// The CLI is TypeScript run by Node's built-in type stripping (Node >= 22.18).
// `npm run sightline -- …` always uses the project's pinned Node 22.
if (!process.features.typescript) {
  process.stderr.write(
    `sightline: needs Node >= 22.18 (this is ${process.version}); run it as \`npm run --silent sightline -- <command>\`\n`,
  );
  process.exit(1);
}
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});
