// Run by browser-mode.test.ts as a real child process: browser mode over the fixture app, whose
// close() says when it ran, so the test can see the shutdown order from outside.
import { startBrowserMode, stopOnSignals } from '../../../main/host/browser-mode.ts';
import { createFixtureApp } from '../shared/bridge-fixture.ts';

try {
  const running = await startBrowserMode({
    openApp: async ({ dataDir, mode }) => {
      const fixture = createFixtureApp(mode);
      return {
        api: fixture.api,
        on: fixture.on,
        storeImport: () => {
          throw new Error('browser mode never imports by path');
        },
        whenThreadsReady: async () => {},
        close: async () => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          console.log(`app closed (data: ${dataDir})`);
        },
      };
    },
    argv: process.argv.slice(2),
    staticDir: process.env.TEST_STATIC_DIR ?? '',
    print: (line) => console.log(line),
  });
  stopOnSignals(running, (line) => console.log(line));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
