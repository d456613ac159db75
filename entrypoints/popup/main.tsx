import { render } from 'preact';
import { SyncNowButton, SyncStatusLine } from '../../components/sync-status';
import { send } from '../../lib/ext/messaging';
import { useSyncStatus } from '../../lib/ext/use-sync-status';

function App() {
  const status = useSyncStatus();
  return (
    <main>
      <SyncStatusLine status={status} now={Date.now()} />
      <SyncNowButton busy={status.state === 'syncing'} onClick={() => void send({ type: 'syncNow' })} />
    </main>
  );
}

render(<App />, document.getElementById('app')!);
