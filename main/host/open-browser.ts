/**
 * Opening a URL in the user's browser (`--open`), with the platform's own opener. Best effort:
 * the URL is printed anyway, so a failure only gets a one-line hint.
 */
import { spawn } from 'node:child_process';

function opener(platform: NodeJS.Platform, url: string): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]];
  // `start` is a cmd built-in; the empty string is the window title it would otherwise take from the URL.
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]];
  return ['xdg-open', [url]];
}

export function openInBrowser(url: string, onFailure: (message: string) => void): void {
  const [command, args] = opener(process.platform, url);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', (error) =>
      onFailure(`Could not open a browser (${command}: ${error.message}); open the URL above.`),
    );
    child.unref();
  } catch (error) {
    onFailure(`Could not open a browser (${(error as Error).message}); open the URL above.`);
  }
}
