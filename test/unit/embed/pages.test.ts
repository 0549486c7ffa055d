// The embed pages mirror the islands of the full pages (static imports keep them apart): the same island
// props, the same string namespaces. A change to one without the other fails here, before any browser runs.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

const read = (path: string) => readFileSync(path, 'utf8');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Every `<Island ... />` element (by component name) in a page. */
function islands(source: string, name: string): string[] {
  return [...source.matchAll(new RegExp(`<${name}\\b[^>]*?/>`, 'g'))].map((m) => squash(m[0]));
}
/** The `pickStrings(...)` calls of a page. */
function picks(source: string): string[] {
  return [...source.matchAll(/pickStrings\([^)]*\)/g)].map((m) => squash(m[0]));
}

describe('embed pages use the islands of the full pages', () => {
  it('the market lab', () => {
    const full = read('src/pages/[locale]/lab/index.astro');
    const embed = read('src/pages/[locale]/embed/lab/index.astro');
    expect(islands(embed, 'Lab')).toHaveLength(1);
    expect(islands(embed, 'Lab')).toEqual(islands(full, 'Lab'));
  });

  it('the five concept labs', () => {
    const full = read('src/pages/[locale]/lab/[lab]/index.astro');
    const embed = read('src/pages/[locale]/embed/lab/[lab]/index.astro');
    for (const name of ['PerceivedValueLab', 'ExpectationsLab', 'ClvLab', 'LevelMatrixLab', 'LifeCycleLab']) {
      expect(islands(embed, name), name).toHaveLength(1);
      expect(islands(embed, name), name).toEqual(islands(full, name));
    }
    expect(picks(embed)).toEqual(picks(full));
  });

  it("a scenario's play page", () => {
    const full = read('src/pages/[locale]/teach/[id]/index.astro');
    const embed = read('src/pages/[locale]/embed/teach/[id]/index.astro');
    expect(islands(embed, 'ScenarioPlayer')).toHaveLength(1);
    expect(islands(embed, 'ScenarioPlayer')).toEqual(islands(full, 'ScenarioPlayer'));
    expect(picks(embed)).toEqual(picks(full));
    expect(embed).not.toMatch(/notes\//);
  });
});
