/** Saves a response's body as a file: exports need the bearer token, so a plain link cannot fetch them. */
export async function saveAs(res: Response, filename: string): Promise<void> {
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  a.click();
  URL.revokeObjectURL(url);
}
