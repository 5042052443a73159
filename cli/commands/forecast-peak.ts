import { formatTimestampLike } from '../../shared/series/csv.ts';
import { burstConfigForStep, typicalStep } from '../../shared/trends/burst.ts';
import { forecastPeaks } from '../../shared/trends/forecast-series.ts';
import type { Command } from '../io.ts';
import { checkLength, readSeries } from './detect.ts';

const usage = `Usage:
  sightline forecast-peak <series.csv>

Reads a CSV with header timestamp,value, runs the burst detector (as \`sightline detect\`)
and, at each alarm, forecasts the burst's peak time from the series' own earlier bursts
(a cautious rule while it has none). Prints one line per alarm, no header:
  alarm_timestamp,predicted_peak_timestamp
the alarm as written in the input, the forecast in the same style (UTC).
A series too short for any alarm is an error, as in \`sightline detect\`.
`;

export const forecastPeak: Command = {
  name: 'forecast-peak',
  summary: 'at each burst alarm, forecast when the burst will peak',
  usage,
  run(args, io) {
    const { file, series } = readSeries(args, 'forecast-peak');
    checkLength(file, series, burstConfigForStep(typicalStep(series.times)));
    const lines: string[] = [];
    for (const f of forecastPeaks(series.times, series.values)) {
      const stamp = series.stamps[f.alarmIndex] as string;
      lines.push(`${stamp},${formatTimestampLike(stamp, f.forecast.peakTime.point)}`);
    }
    io.stdout(lines.map((l) => `${l}\n`).join(''));
  },
};
