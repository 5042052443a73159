/**
 * A link is rendered only when it leads to a web page. Post and story URLs come from
 * third parties (source APIs, pages the extension read, imported files); a `javascript:`
 * or `data:` one as an href would run script in the console, or on the social site
 * where the extension draws its card.
 */
export function webUrl(url: string | null | undefined): string | undefined {
  // An allowlist on the raw text, not a parse: browsers drop tabs and newlines inside a
  // scheme ("java\tscript:"), so only a string that already starts as a web URL passes.
  return url && /^https?:\/\/[^\s/?#\\]+/i.test(url) ? url : undefined;
}
