/**
 * `npm start` offline: workerd logs its own error block (an [ERROR] line, a stack line,
 * blank lines) for every failed DNS lookup, four per source on every cron run, beside the
 * worker's one JSON line that already says the source is unreachable. A newcomer reads the
 * red blocks as Sightline failing; this drops exactly those blocks, says once why, and
 * passes everything else through untouched.
 */
const DNS_FAILURE = /failed to lookup address information/;
const WORKERD_STACK = /^\s*stack: \S*workerd@/;

export function offlineNoiseFilter(write: (line: string) => void): (line: string) => void {
  let inBlock = false;
  let explained = false;
  return (line) => {
    if (DNS_FAILURE.test(line)) {
      inBlock = true;
      if (!explained) {
        explained = true;
        write('(offline: the live sources cannot be reached, so the demo data stands in; workerd’s DNS errors for them are left out, and each pull is logged below as "unreachable")');
      }
      return;
    }
    if (inBlock && (line.trim() === '' || WORKERD_STACK.test(line))) return;
    inBlock = false;
    write(line);
  };
}
