/**
 * Offers `text` to the user as a file named `name` of MIME type `type`, through the page's own download of an
 * object URL (an `<a download>` click: no `downloads` permission needed). Extension pages only (needs a document).
 */
export function downloadFile(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // The download has taken the data by the next task; the URL is freed well after.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
