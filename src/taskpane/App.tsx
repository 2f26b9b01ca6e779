import { Caption1, makeStaticStyles, makeStyles, Spinner, Tab, TabList, tokens } from '@fluentui/react-components';
import { memo, Suspense } from 'react';
import { StatusArea } from './components/StatusArea';
import { WorkbookBar } from './components/WorkbookBar';
import type { Session, ViewId } from './state/session';
import { useStore } from './state/store';
import { VIEWS } from './views';

const useGlobalStyles = makeStaticStyles({
  body: { margin: 0 },
});

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    minWidth: 0,
    maxWidth: '100%',
    boxSizing: 'border-box',
    overflowX: 'clip',
  },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  mode: { color: tokens.colorNeutralForeground3 },
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0, 0, 0, 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
  // Six tabs do not fit on one line at 350 px: they wrap rather than scroll out of sight.
  tabs: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`, flexWrap: 'wrap' },
  views: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, '&[hidden]': { display: 'none' } },
});

/** The open view: drawn again only when what it reads changes, never because progress moved. */
const ViewPanel = memo(function ViewPanel({ session, id }: { session: Session; id: ViewId }) {
  const view = VIEWS.find((v) => v.id === id) ?? VIEWS[0];
  return <view.Panel session={session} />;
});

/** The progress bar and the message bar: the only part drawn again as a long operation moves on. */
function Status({ session }: { session: Session }) {
  const busy = useStore(session.store, (s) => s.busy);
  const problem = useStore(session.store, (s) => s.problem);
  return <StatusArea busy={busy} problem={problem} onDismiss={() => session.dismissProblem()} />;
}

/** The task pane: which workbook, progress and problems, then the views as tabs. */
export function App({ session }: { session: Session }) {
  useGlobalStyles();
  const styles = useStyles();
  const host = useStore(session.store, (s) => s.host);
  const viewId = useStore(session.store, (s) => s.view);
  const busy = useStore(session.store, (s) => s.busy !== null);
  const workbook = useStore(session.store, (s) => s.views.workbook);
  const department = useStore(session.store, (s) => s.views.check?.department ?? null);
  // The tabs come with the first file being opened, not with its first findings: drawing them then made the first
  // findings' draw one long task (at 20,000 lines, over 100 ms on a 2-core machine while the worker checks).
  const tabsShown = useStore(session.store, (s) => s.views.check !== null || s.busy !== null);
  const view = VIEWS.find((v) => v.id === viewId) ?? VIEWS[0];
  return (
    <main className={styles.root}>
      {host === 'browser' ? (
        <header className={styles.header}>
          <h1 className={styles.title} tabIndex={-1}>
            MTFS add-in
          </h1>
          <Caption1 className={styles.mode}>Browser mode: working on a file you open</Caption1>
        </header>
      ) : (
        // Inside Excel the pane's title bar names the add-in; the heading is there for screen readers.
        <h1 className={styles.visuallyHidden} tabIndex={-1}>
          MTFS add-in
        </h1>
      )}
      <WorkbookBar
        host={host}
        workbookName={workbook?.name ?? null}
        department={department}
        busy={busy}
        canDownload={Boolean(workbook?.canSave)}
        onOpenFile={(file) => void session.openFile(file)}
        onDownload={() => void session.download()}
        onCheckAgain={() => void session.checkAgain()}
      />
      <Status session={session} />
      {/* Drawn hidden from the start: drawing the tabs and the first view as the file was picked made one long task. */}
      <div hidden={!tabsShown} className={styles.views}>
        <TabList
          className={styles.tabs}
          size="small"
          selectedValue={view.id}
          onTabSelect={(_, data) => session.setView(data.value as ViewId)}
          aria-label="Views"
        >
          {VIEWS.map((v) => (
            <Tab key={v.id} id={`tab-${v.id}`} value={v.id} aria-controls={`panel-${v.id}`}>
              {v.label}
            </Tab>
          ))}
        </TabList>
        <div role="tabpanel" id={`panel-${view.id}`} aria-labelledby={`tab-${view.id}`}>
          <Suspense fallback={<Spinner size="small" label="Loading the view" />}>
            {tabsShown && <ViewPanel session={session} id={view.id} />}
          </Suspense>
        </div>
      </div>
    </main>
  );
}
