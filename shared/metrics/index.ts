export { countBefore, parseCount, parseCountList } from './count.ts';
export { parseAbsoluteDate, parsePostTime, parseRelativeTime } from './time.ts';
