/** Where a paper can be opened: its Hugging Face page, arXiv, the PDF and the extension's own reader. */

/** The paper's Hugging Face Daily Papers page. */
export function hfPaperUrl(id: string): string {
  return `https://huggingface.co/papers/${id}`;
}

export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`;
}

/** The reader with this paper open, relative to any extension page (they all sit at the extension's root). */
export function readerHref(id: string): string {
  return `reader.html#${id}`;
}

/**
 * `raw` when it is an absolute http(s) URL, else undefined: links that come from the feed (GitHub repo, project
 * page) must never become `javascript:` or `data:` hrefs.
 */
export function safeHttpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
