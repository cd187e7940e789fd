/**
 * Milieu's main job (`npm start` = `milieu demo`): build or reuse the ten-cluster demo database,
 * compare the ten study regions on it, and write the comparative report (Markdown and HTML) into
 * the demo folder. The report files are a folder output (src/output-target.ts): they are replaced
 * on the next run only while they are the files Milieu wrote (listed with their hashes in the
 * folder's `milieu-export.json`); a file of the same name that someone else wrote or edited is
 * refused, never overwritten.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFolderVia } from '../output-target.ts';
import type { Progress } from '../progress.ts';
import { builtInRegions } from '../regions/definitions.ts';
import { reportOnStore, type VerdictSource } from '../report/from-store.ts';
import { openStore } from '../store/store.ts';
import { DEMO_FOLDER, type DemoOptions, type DemoStore, demoStore } from './build.ts';

/** Regions in the order of the study (regions/ten-clusters.json), others after them as given. */
function studyOrder(ids: string[]): string[] {
  const order = builtInRegions().map((r) => r.id);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return [...new Set(ids)].sort((a, b) => rank(a) - rank(b));
}

export const REPORT_FILES = ['report.md', 'report.html'] as const;

export interface MainJobResult {
  demo: DemoStore;
  folder: string;
  markdown: string;
  html: string;
}

export interface MainJobOptions extends DemoOptions {
  /** The findings' verdicts on the demo (`checkFindings` plugs in here); absent: "not yet checked". */
  verdicts?: VerdictSource;
}

export async function mainJob(options: MainJobOptions = {}): Promise<MainJobResult> {
  const folder = options.folder ?? DEMO_FOLDER;
  const progress: Progress | undefined = options.onProgress;
  const demo = await demoStore({ ...options, folder });
  const store = await openStore(demo.path, { create: false, readOnly: true });
  let report: Awaited<ReturnType<typeof reportOnStore>>;
  try {
    report = await reportOnStore(store, {
      regions: studyOrder(demo.manifest.runs.map((r) => r.region)).join(','),
      title: 'Ten simulated high-technology clusters (Milieu demo)',
      verdicts: options.verdicts,
      onProgress: progress,
    });
  } finally {
    store.close();
  }
  progress?.('report', 0, 1);
  await writeFolderVia(
    folder,
    'milieu demo report',
    REPORT_FILES,
    { force: true, protect: [demo.path], label: 'demo report' },
    async (dir) => {
      writeFileSync(join(dir, 'report.md'), report.markdown);
      writeFileSync(join(dir, 'report.html'), report.html);
      return [...REPORT_FILES];
    },
  );
  progress?.('report', 1, 1);
  return { demo, folder, markdown: join(folder, 'report.md'), html: join(folder, 'report.html') };
}
