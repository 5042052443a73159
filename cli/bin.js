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
// A reader that stops early (`| head`) closes the pipe: that is the reader's choice, not a
// failure, so end quietly as other Unix tools do rather than crash on the write error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}
process.exitCode = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});
