/** Writing a generated Markdown file formatted as `npm run lint` expects (prettier, the project's settings). */
import { writeFileSync } from 'node:fs';

export async function writeMarkdown(file: string, markdown: string): Promise<void> {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(markdown, { ...options, parser: 'markdown' }));
}
