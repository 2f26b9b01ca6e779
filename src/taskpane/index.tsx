import { FluentProvider, makeStyles } from '@fluentui/react-components';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { detectHost, hostDeps } from './host';
import { Session } from './state/session';
import { FLUENT_THEMES, usePaneTheme } from './theme';

const useStyles = makeStyles({ provider: { minHeight: '100vh' } });

/** Fluent's theme for Excel's (or the system's) light, dark or high-contrast look, followed as it changes. */
function Themed({ children }: { children: ReactNode }) {
  const theme = usePaneTheme();
  const styles = useStyles();
  return (
    <FluentProvider theme={FLUENT_THEMES[theme]} data-theme={theme} className={styles.provider}>
      {children}
    </FluentProvider>
  );
}

async function start(): Promise<void> {
  const host = await detectHost();
  const session = new Session(host, hostDeps(host));
  const container = document.getElementById('root');
  if (!container) throw new Error('taskpane.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <Themed>
        <App session={session} />
      </Themed>
    </StrictMode>,
  );
  if (host === 'excel') await session.connectExcel();
}

void start();
