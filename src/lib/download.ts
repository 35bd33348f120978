/** Hands the browser a file made on the page (a CSV of results, a rule's YAML) to save under `fileName`. */
export function downloadText(fileName: string, text: string, type: string): void {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = fileName;
  link.click();
  // Released only after the browser has started reading it: revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
