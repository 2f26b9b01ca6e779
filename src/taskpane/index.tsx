import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { detectHost, hostDeps } from './host';
import { Session } from './state/session';

async function start(): Promise<void> {
  const host = await detectHost();
  const session = new Session(host, hostDeps(host));
  const container = document.getElementById('root');
  if (!container) throw new Error('taskpane.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <FluentProvider theme={webLightTheme}>
        <App session={session} />
      </FluentProvider>
    </StrictMode>,
  );
  if (host === 'excel') await session.connectExcel();
}

void start();
