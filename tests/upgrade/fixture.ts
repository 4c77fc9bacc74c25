import fs from 'fs';
import path from 'path';

/** The databases an earlier version wrote, and what that version read from them (see README.md). */
export const UPGRADE_FIXTURE_DIR = path.join(__dirname, 'fixture');

export interface UpgradeManifest {
  articles: Array<{ documentId: string; slug: string; title: string; category: string | null; authors: string[]; wordCount: number }>;
  draft: { documentId: string; title: string };
  rail: Array<{ text: string; article: string | null }>;
  pinned: string;
  hidden: string;
  keptLine: string;
  deliveries: number;
  lastSequence: number;
}

export function readUpgradeManifest(client: 'sqlite' | 'postgres'): UpgradeManifest {
  return JSON.parse(fs.readFileSync(path.join(UPGRADE_FIXTURE_DIR, `${client}.json`), 'utf8')) as UpgradeManifest;
}
