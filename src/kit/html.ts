// Text made safe for HTML written as a string (a double-quoted attribute or an element's text): the one escaper of
// the site, for the embed snippet and the charts' hidden tables. It builds no markup of its own.

/** Text for a double-quoted HTML attribute or for element text: &, ", < and > as entities. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
