import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileSource } from '../../src/sources/fileSource';
import { generateEvents } from '../simulator/data';
import { collectGarbage, median, quantile, RoundPlan, timeAsync } from './stats';

export interface FileLoadFigures {
  events: number;
  fileBytes: number;
  rounds: number;
  /** FileSource.load of the file: read, decode, parse, check the shape, normalise, store, group by status. */
  fileLoadMs: number;
  /** fs.promises.readFile as UTF-8 and JSON.parse of the same file, nothing else. */
  bareReadParseMs: number;
  /** Median of the per-round ratios. */
  fileLoadRatio: number;
  fileLoadRatioQuartiles: [number, number];
}

/** Rounds of a FileSource loading a saved answer of `eventCount` events and a bare read and parse of it, alternating which goes first. */
export async function measureFileLoad(eventCount: number, plan: RoundPlan): Promise<FileLoadFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pta-bench-file-'));
  const file = path.join(dir, 'answer.pta.json');
  try {
    fs.writeFileSync(file, JSON.stringify(generateEvents({ count: eventCount, seed: eventCount, averageAudits: 5 })));
    const source = new FileSource({ location: { path: file, toString: () => pathToFileURL(file).href }, read: (location) => fs.promises.readFile(location.path) });
    const load = async () => {
      await collectGarbage();
      const { ms, value } = await timeAsync(async () => {
        const result = await source.load();
        source.store.count('OPEN');
        return result;
      });
      if (!value.ok || value.loaded !== eventCount) throw new Error(`the file source loaded ${JSON.stringify(value)}, expected ${eventCount} events`);
      return ms;
    };
    const bare = async () => {
      await collectGarbage();
      const { ms, value } = await timeAsync(async () => JSON.parse(await fs.promises.readFile(file, 'utf8')) as unknown[]);
      if (value.length !== eventCount) throw new Error('the bare parse did not find every event');
      return ms;
    };
    const loadMs: number[] = [];
    const bareMs: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < plan.warmupRounds + plan.rounds; round++) {
      let loaded: number;
      let bared: number;
      if (round % 2 === 0) {
        loaded = await load();
        bared = await bare();
      } else {
        bared = await bare();
        loaded = await load();
      }
      if (round < plan.warmupRounds) continue;
      loadMs.push(loaded);
      bareMs.push(bared);
      ratios.push(loaded / bared);
    }
    return {
      events: eventCount,
      fileBytes: fs.statSync(file).size,
      rounds: plan.rounds,
      fileLoadMs: median(loadMs),
      bareReadParseMs: median(bareMs),
      fileLoadRatio: median(ratios),
      fileLoadRatioQuartiles: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
