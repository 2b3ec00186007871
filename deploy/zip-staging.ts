/**
 * serverless-esbuild (1.57) stages every zip it writes in its own folder under the system temp
 * directory, named `<zip name>-<pid>-<ms>-<8 hex>`, and releases it with a non-recursive remove that
 * always fails on the full folder and is silently ignored (floydspace/serverless-esbuild#589). Each
 * `serverless package` or `deploy` of this service would leave 54 bundles there, ~14 MB a run,
 * for good. This removes the folders of the packaging process that calls it, and nothing else: a
 * name must carry that process's pid in the plugin's exact pattern.
 */
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Removes this process's zip staging folders from `dir`; answers the names it removed. */
export function removeZipStaging(dir: string = tmpdir(), pid: number = process.pid): string[] {
  const own = new RegExp(`^[^/]+-${pid}-\\d+-[0-9a-f]{8}$`);
  const removed: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !own.test(entry.name)) continue;
    rmSync(path.join(dir, entry.name), { recursive: true, force: true });
    removed.push(entry.name);
  }
  return removed;
}
