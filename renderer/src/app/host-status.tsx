/** Which host serves the app (Electron or browser mode), and whether the browser-mode connection still stands. */
import { memo, useEffect, useState } from 'react';
import type { BridgeClient, HostInfo } from '../../../shared/bridge.ts';
import { getBridgeState, onBridgeStateChange, type ConnectionState } from '../bridge/index.ts';

export const HostStatus = memo(function HostStatus({ bridge }: { bridge: BridgeClient }) {
  const [host, setHost] = useState<HostInfo | null>(null);
  const [state, setState] = useState<ConnectionState>(getBridgeState);
  useEffect(() => {
    const off = onBridgeStateChange(setState);
    setState(getBridgeState());
    return off;
  }, []);
  useEffect(() => {
    bridge.hostInfo().then(setHost, () => setHost(null));
  }, [bridge]);
  if (state.status === 'closed') {
    return (
      <span className="host notice" role="alert" data-testid="connection">
        {state.reason}
      </span>
    );
  }
  return (
    <span className="host" data-testid="connection">
      {state.status === 'connecting'
        ? 'connecting…'
        : host
          ? `${host.mode === 'electron' ? 'desktop app' : 'browser mode'} · v${host.version}`
          : ''}
    </span>
  );
});
