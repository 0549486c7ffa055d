// The one axe scan of the e2e specs: the serious and critical violations of a page (or of a part of
// it), as short lines naming the rule and its first nodes, so a failing expectation says what broke.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function seriousViolations(page: Page, scope: { include?: string; exclude?: string } = {}): Promise<string[]> {
  // Only violations are read here: axe still runs every rule, but keeps one node (not every node) of the passed,
  // incomplete and inapplicable ones, which on long pages is most of the work of building and returning results.
  // (options() replaces the whole option object, so it comes before withTags.)
  let builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).withTags(AXE_TAGS);
  // A page without frames is scanned in place (axe.run): the same rules on the same document, without the default
  // way's blank page opened to finish each scan, which costs about as much as the scan. A page with frames (an embed)
  // is scanned the default way, frame by frame, which also reaches frames of another origin.
  if (page.frames().length === 1) builder = builder.setLegacyMode();
  if (scope.include) builder = builder.include(scope.include);
  if (scope.exclude) builder = builder.exclude(scope.exclude);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}
