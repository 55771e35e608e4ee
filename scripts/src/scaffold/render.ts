import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** The files a template folder renders to: `{{token}}` in contents and `__token__` in paths replaced by `values`. */
export function renderTemplates(templateDir: string, values: Readonly<Record<string, string>>): { path: string; content: string }[] {
  const fill = (text: string, pattern: RegExp) =>
    text.replace(pattern, (whole, key: string) => {
      if (!(key in values)) throw new Error(`template ${whole}: no value for "${key}"`);
      return values[key];
    });
  const files: { path: string; content: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.tmpl')) {
        files.push({
          path: fill(relative(templateDir, full).replace(/\.tmpl$/, ''), /__([a-zA-Z]+)__/g),
          content: fill(readFileSync(full, 'utf8'), /\{\{([a-zA-Z]+)\}\}/g),
        });
      }
    }
  };
  walk(templateDir);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** Writes rendered files under `root`, creating folders. */
export function writeFiles(root: string, files: readonly { path: string; content: string }[]): void {
  for (const f of files) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.content);
  }
}
